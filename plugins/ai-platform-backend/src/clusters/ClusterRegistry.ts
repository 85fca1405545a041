import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterDefinition,
  ClusterSource,
} from '@ai-platform/plugin-ai-platform-node';
import {
  CatalogClusters,
  CatalogClusterSettings,
  clustersFromEntities,
  readCatalogClusterSettings,
} from './catalogClusters';
import {
  readInClusterCluster,
  readKubeconfigClusters,
  readKubernetesConfigClusters,
} from './configClusters';
import { ClusterList, isValidClusterName, SkippedCluster } from './types';

export interface ClusterRegistryOptions {
  config: RootConfigService;
  logger: LoggerService;
  /** Absent in the CLI and in tests without a catalog. */
  catalog?: CatalogService;
  auth?: AuthService;
  /** Adopters' sources (cluster sources extension point). */
  sources?: ClusterSource[];
  /** How long a listing is reused before the catalog and sources are asked again. */
  refreshIntervalMs?: number;
}

/**
 * Every cluster the backend knows, from (in order of precedence) the
 * `kubernetes` config block, `aiPlatform.kubeconfigClusters`,
 * `aiPlatform.inClusterName`, catalog entities and adopters' sources. The
 * first definition of a name wins; later ones are reported and ignored.
 * Catalog entities that describe a configured cluster attach their entityRef
 * to it.
 */
export class ClusterRegistry {
  private cached?: { at: number; list: ClusterList };
  private inflight?: Promise<ClusterList>;
  private lastCatalog: CatalogClusters = {
    clusters: [],
    attachments: [],
    skipped: [],
  };
  private readonly lastFromSources = new Map<string, ClusterDefinition[]>();
  private readonly warned = new Set<string>();
  private readonly catalogSettings: CatalogClusterSettings;

  constructor(private readonly options: ClusterRegistryOptions) {
    this.catalogSettings = readCatalogClusterSettings(options.config);
  }

  get allowedCatalogHosts(): string[] {
    return this.catalogSettings.allowedHosts;
  }

  /** The current list; reuses a recent one unless `fresh` is set. */
  async list(options: { fresh?: boolean } = {}): Promise<ClusterList> {
    const ttl = this.options.refreshIntervalMs ?? 60_000;
    if (!options.fresh && this.cached && Date.now() - this.cached.at < ttl) {
      return this.cached.list;
    }
    this.inflight ??= this.build().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async get(name: string): Promise<ClusterDefinition | undefined> {
    return (await this.list()).clusters.find(c => c.name === name);
  }

  private async build(): Promise<ClusterList> {
    const { config } = this.options;
    const parts: ClusterList[] = [
      readKubernetesConfigClusters(config),
      readKubeconfigClusters(config),
      readInClusterCluster(config),
    ];
    const catalog = await this.readCatalog();
    parts.push({ clusters: catalog.clusters, skipped: catalog.skipped });
    parts.push({ clusters: await this.readSources(), skipped: [] });

    const clusters: ClusterDefinition[] = [];
    const skipped: SkippedCluster[] = [];
    const taken = new Map<string, ClusterDefinition | SkippedCluster>();
    const duplicateRefs: CatalogClusters['attachments'] = [];
    for (const part of parts) {
      for (const cluster of part.clusters) {
        const first = taken.get(cluster.name);
        if (first) {
          this.warnOnce(
            `duplicate:${cluster.name}:${cluster.source}`,
            `Cluster "${cluster.name}" from ${cluster.source}${
              cluster.entityRef ? ` (${cluster.entityRef})` : ''
            } is ignored: a cluster of that name is already defined by ${
              first.source
            }`,
          );
          // The same cluster described twice: its entity still describes the first definition.
          if (cluster.entityRef) {
            duplicateRefs.push({
              clusterName: cluster.name,
              entityRef: cluster.entityRef,
              explicit: false,
            });
          }
          continue;
        }
        const copy = { ...cluster };
        taken.set(copy.name, copy);
        clusters.push(copy);
      }
      for (const skip of part.skipped) {
        if (taken.has(skip.name)) continue;
        taken.set(skip.name, skip);
        skipped.push(skip);
        this.warnOnce(
          `skipped:${skip.name}:${skip.reason}`,
          `Cluster "${skip.name}" is not collected: ${skip.reason}`,
        );
      }
    }

    // Explicit annotations first, so they win over a name match.
    const attachments = [...catalog.attachments, ...duplicateRefs].sort(
      (a, b) => Number(b.explicit) - Number(a.explicit),
    );
    for (const { clusterName, entityRef, explicit } of attachments) {
      const target =
        clusters.find(c => c.name === clusterName) ??
        skipped.find(s => s.name === clusterName);
      if (!target) {
        if (explicit) {
          this.warnOnce(
            `attach:${entityRef}`,
            `${entityRef} names cluster "${clusterName}", which is not configured; add it to the kubernetes block or give the entity a kubernetes.io/api-server annotation`,
          );
        }
        continue;
      }
      target.entityRef ??= entityRef;
    }

    const list = { clusters, skipped };
    this.cached = { at: Date.now(), list };
    return list;
  }

  private async readCatalog(): Promise<CatalogClusters> {
    const { catalog, auth, logger } = this.options;
    if (!catalog || !auth || !this.catalogSettings.enabled) {
      return { clusters: [], attachments: [], skipped: [] };
    }
    try {
      const entities: Entity[] = [];
      const credentials = await auth.getOwnServiceCredentials();
      const response = await catalog.getEntities(
        { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
        { credentials },
      );
      entities.push(...response.items);
      this.lastCatalog = clustersFromEntities(entities, this.catalogSettings);
    } catch (error) {
      // Keep what the catalog said last time rather than dropping its clusters.
      logger.warn(
        `Could not read kubernetes-cluster Resources from the catalog: ${
          (error as Error).message
        }`,
      );
    }
    return this.lastCatalog;
  }

  private async readSources(): Promise<ClusterDefinition[]> {
    const out: ClusterDefinition[] = [];
    for (const source of this.options.sources ?? []) {
      try {
        const listed = (await source.listClusters()).filter(c => {
          if (isValidClusterName(c.name)) return true;
          this.warnOnce(
            `invalid:${source.id}:${c.name}`,
            `Cluster source ${source.id} returned an invalid cluster name "${c.name}"; ignored`,
          );
          return false;
        });
        this.lastFromSources.set(source.id, listed);
      } catch (error) {
        this.options.logger.warn(
          `Cluster source ${source.id} failed: ${(error as Error).message}`,
        );
      }
      out.push(...(this.lastFromSources.get(source.id) ?? []));
    }
    return out;
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.logger.warn(message);
  }
}
