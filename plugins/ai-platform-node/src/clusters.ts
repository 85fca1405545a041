import { ClusterSourceKind } from '@ai-platform/plugin-ai-platform-common';

/**
 * How the collector authenticates to a cluster. Credentials stay in the
 * backend: they never reach a response, a log line or the frontend.
 *
 * @public
 */
export type ClusterAuth =
  | { type: 'serviceAccount'; token: string }
  | { type: 'kubeconfig'; file: string; context?: string }
  | { type: 'inCluster' };

/** A cluster the backend collects from. @public */
export interface ClusterDefinition {
  /** Unique name; used in URLs, entity annotations and MCP tool arguments. */
  name: string;
  title?: string;
  /** API server URL (for kubeconfig and in-cluster auth it is read from there when absent). */
  url?: string;
  source: ClusterSourceKind;
  /** Catalog `Resource` entity of type `kubernetes-cluster` this cluster belongs to. */
  entityRef?: string;
  auth: ClusterAuth;
  /** Base64 PEM of the CA that signed the API server certificate. */
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/**
 * Supplies clusters to collect. Built-in sources read the `kubernetes`
 * config block and the catalog; adopters add their own (a CMDB, a fleet
 * manager) through the cluster sources extension point.
 *
 * @public
 */
export interface ClusterSource {
  id: string;
  listClusters(): Promise<ClusterDefinition[]>;
}
