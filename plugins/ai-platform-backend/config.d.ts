import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * AI Platform backend.
   *
   * Clusters are configured where the upstream Kubernetes plugin reads them:
   * `kubernetes.clusterLocatorMethods` entries of `type: config` (its schema
   * comes with `@backstage/plugin-kubernetes-backend`). Of their fields the
   * collector uses `name`, `title`, `url`, `authProvider`,
   * `serviceAccountToken`, `caData`, `caFile` and `skipTLSVerify`. Only
   * `authProvider: serviceAccount` can be collected in the background (a
   * missing token means the backend pod's own service account); clusters
   * with other auth providers are listed as failed with the reason.
   */
  aiPlatform?: {
    collection?: {
      /** How often each cluster is collected. Default: every 5 minutes. */
      frequency?: HumanDuration | string | { cron: string };
      /** Upper bound for one cluster's whole collection. Default: 3 minutes. */
      timeout?: HumanDuration | string;
      /** Upper bound for one scheduled run over every cluster. Default: 30 minutes. */
      runTimeout?: HumanDuration | string;
      /** Delay before the first scheduled collection after start. Default: 3 seconds. */
      initialDelay?: HumanDuration | string;
      /** Timeout of a single API request. Default: 20 seconds. */
      requestTimeout?: HumanDuration | string;
      /** Items per list page (`limit`). Default: 500. */
      pageSize?: number;
      /** Requests in flight per cluster. Default: 4. */
      concurrency?: number;
      /** Clusters collected at once by one run. Default: 4. */
      clusterConcurrency?: number;
      /**
       * How often each replica checks the database for collections made by
       * other replicas and for refresh requests. Default: 2 seconds.
       */
      syncInterval?: HumanDuration | string;
    };
    history?: {
      /** How long snapshots and verdict history are kept. Default: 30 days. */
      retention?: HumanDuration | string;
      /**
       * At most one history snapshot per cluster per this interval (the
       * latest snapshot is always stored). Default: 1 hour.
       */
      snapshotInterval?: HumanDuration | string;
    };
    /**
     * Clusters from catalog `Resource` entities of `spec.type:
     * kubernetes-cluster`. An entity with the annotation
     * `ai-platform.dev/cluster-name` (or named like a configured cluster)
     * only attaches itself to that cluster. An entity with
     * `kubernetes.io/api-server` (and optionally
     * `kubernetes.io/api-server-certificate-authority`, base64 PEM) defines a
     * cluster; its credentials come from here, never from the catalog.
     */
    catalogClusters?: {
      /** Default: true. */
      enabled?: boolean;
      /**
       * Hosts (exact names or `*.suffix` patterns) catalog entities may point
       * the collector at, with any scheme and address. Catalog URLs are user
       * input: for other hosts only HTTPS to public addresses is accepted
       * (no loopback, private, link-local, CGNAT or metadata addresses).
       */
      allowedHosts?: string[];
      /**
       * Service-account token used for every catalog-defined cluster that
       * has no token of its own below.
       *
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** Tokens of individual catalog-defined clusters, by cluster name. */
      clusters?: Array<{
        /** The cluster name (the annotation `ai-platform.dev/cluster-name`, else the entity name). */
        name: string;
        /** @visibility secret */
        serviceAccountToken: string;
      }>;
    };
    /** Clusters from kubeconfig files, for local use. */
    kubeconfigClusters?: Array<{
      /** Path to a kubeconfig file. */
      file: string;
      /** Context to use; the file's current context when absent. */
      context?: string;
      /** Name in the portal; the context name when absent. */
      name?: string;
    }>;
    /** Name of the cluster the backend runs in, collected with the pod's own service account. */
    inClusterName?: string;
  };
}
