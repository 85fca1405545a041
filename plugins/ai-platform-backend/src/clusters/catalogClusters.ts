import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AI_PLATFORM_ANNOTATIONS } from '@ai-platform/plugin-ai-platform-common';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import { isValidClusterName, SkippedCluster } from './types';

export const API_SERVER_ANNOTATION = 'kubernetes.io/api-server';
export const API_SERVER_CA_ANNOTATION =
  'kubernetes.io/api-server-certificate-authority';

/** Settings of `aiPlatform.catalogClusters`. */
export interface CatalogClusterSettings {
  enabled: boolean;
  allowedHosts: string[];
  /** Token for every catalog-defined cluster without its own. */
  defaultToken?: string;
  /** Per-cluster tokens, by cluster name. */
  tokens: Record<string, string>;
}

export function readCatalogClusterSettings(
  config: Config,
): CatalogClusterSettings {
  const c = config.getOptionalConfig('aiPlatform.catalogClusters');
  const tokens: Record<string, string> = {};
  for (const entry of c?.getOptionalConfigArray('clusters') ?? []) {
    tokens[entry.getString('name')] = entry.getString('serviceAccountToken');
  }
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    allowedHosts: c?.getOptionalStringArray('allowedHosts') ?? [],
    defaultToken: c?.getOptionalString('serviceAccountToken'),
    tokens,
  };
}

/** What catalog entities say about clusters. */
export interface CatalogClusters {
  /** Clusters defined by entities (`kubernetes.io/api-server`). */
  clusters: ClusterDefinition[];
  /** Entities that describe a cluster defined elsewhere: its entityRef is attached to that cluster. */
  attachments: { clusterName: string; entityRef: string; explicit: boolean }[];
  skipped: SkippedCluster[];
}

/**
 * Reads `Resource` entities of type `kubernetes-cluster`:
 * - `ai-platform.dev/cluster-name: <name>` (without an API server) attaches
 *   the entity to the cluster of that name configured elsewhere;
 * - `kubernetes.io/api-server` (and optionally
 *   `kubernetes.io/api-server-certificate-authority`) defines a cluster named
 *   by that annotation or the entity name, with a token from
 *   `aiPlatform.catalogClusters`;
 * - otherwise the entity name attaches it to a cluster of the same name.
 */
export function clustersFromEntities(
  entities: Entity[],
  settings: Pick<CatalogClusterSettings, 'defaultToken' | 'tokens'>,
): CatalogClusters {
  const out: CatalogClusters = { clusters: [], attachments: [], skipped: [] };
  for (const entity of entities) {
    if (
      entity.kind !== 'Resource' ||
      (entity.spec as { type?: unknown } | undefined)?.type !==
        'kubernetes-cluster'
    ) {
      continue;
    }
    const entityRef = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const named = annotations[AI_PLATFORM_ANNOTATIONS.clusterName];
    const name = named ?? entity.metadata.name;
    const apiServer = annotations[API_SERVER_ANNOTATION];
    const title = entity.metadata.title;
    if (!apiServer) {
      out.attachments.push({
        clusterName: name,
        entityRef,
        explicit: named !== undefined,
      });
      continue;
    }
    if (!isValidClusterName(name)) {
      out.skipped.push({
        name: entityRef,
        source: 'catalog',
        entityRef,
        reason: `"${name}" is not a valid cluster name`,
      });
      continue;
    }
    const token = settings.tokens[name] ?? settings.defaultToken;
    if (!token) {
      out.skipped.push({
        name,
        ...(title ? { title } : {}),
        source: 'catalog',
        entityRef,
        reason: `no credentials for catalog cluster "${name}": set aiPlatform.catalogClusters.serviceAccountToken or aiPlatform.catalogClusters.clusters[].serviceAccountToken for it`,
      });
      continue;
    }
    const definition: ClusterDefinition = {
      name,
      url: apiServer,
      source: 'catalog',
      entityRef,
      auth: { type: 'serviceAccount', token },
    };
    if (title) definition.title = title;
    const ca = annotations[API_SERVER_CA_ANNOTATION];
    if (ca) definition.caData = ca;
    out.clusters.push(definition);
  }
  return out;
}
