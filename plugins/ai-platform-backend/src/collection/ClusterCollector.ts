import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterSnapshot,
  CollectionError,
  emptySnapshot,
  SnapshotClusterInfo,
  SnapshotPartName,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ClusterDefinition,
  SnapshotCollector,
} from '@ai-platform/plugin-ai-platform-node';
import { checkCatalogClusterUrl } from '../clusters/urlGuard';
import { ClusterConnection, connectCluster } from './clusterConnection';
import { KubeApiClient } from './KubeApiClient';
import {
  createRedactor,
  KubeRequestError,
  toCollectionError,
} from './KubeRequestError';
import {
  normalizeGroups,
  normalizeResourceList,
  normalizeVersion,
} from './normalize/core';
import {
  BUILTIN_PARTS,
  DISCOVERY_GROUPS,
  NOT_SERVED,
  PartContext,
  PartDefinition,
} from './parts';
import { Semaphore } from './Semaphore';

export interface CollectionSettings {
  /** Items per list page. */
  pageSize: number;
  /** Requests in flight per cluster. */
  concurrency: number;
  requestTimeoutMs: number;
  /** Upper bound for one cluster's whole collection. */
  collectionTimeoutMs: number;
  maxResponseBytes?: number;
}

export const DEFAULT_COLLECTION_SETTINGS: CollectionSettings = {
  pageSize: 500,
  concurrency: 4,
  requestTimeoutMs: 20_000,
  collectionTimeoutMs: 180_000,
};

/**
 * `ok`: a snapshot, possibly with some parts in error. Not ok: the cluster
 * could not be read as a whole (unreachable, unauthorized, no version or
 * discovery); nothing is stored and the last good snapshot stays served.
 */
export type CollectionOutcome =
  | { ok: true; snapshot: ClusterSnapshot }
  | {
      ok: false;
      error: CollectionError;
      startedAt: string;
      durationMs: number;
    };

export interface ClusterCollectorOptions {
  settings: CollectionSettings;
  logger: LoggerService;
  /** Adopters' collectors; their results go to `snapshot.extensions[id]`. */
  extensions?: SnapshotCollector[];
  /** Hosts catalog-defined clusters may use without the public-address rule. */
  catalogAllowedHosts?: string[];
  /** Replaces the built-in parts (tests). */
  parts?: PartDefinition[];
}

/**
 * Reads one cluster into one ClusterSnapshot: version and discovery first
 * (both required), then every part concurrently within the per-cluster
 * request limit. A failing part is recorded and the others go on.
 */
export class ClusterCollector {
  constructor(private readonly options: ClusterCollectorOptions) {}

  async collect(
    cluster: ClusterDefinition,
    options: { signal?: AbortSignal } = {},
  ): Promise<CollectionOutcome> {
    const { settings, logger } = this.options;
    const started = Date.now();
    const startedAt = new Date(started).toISOString();
    const fail = (error: CollectionError): CollectionOutcome => {
      logger.warn(
        `Collection of cluster ${cluster.name} failed: ${error.message}`,
      );
      return { ok: false, error, startedAt, durationMs: Date.now() - started };
    };

    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(
          new Error(
            `collection timed out after ${Math.round(
              settings.collectionTimeoutMs / 1000,
            )} s`,
          ),
        ),
      settings.collectionTimeoutMs,
    );
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout.signal])
      : timeout.signal;

    let connection: ClusterConnection | undefined;
    try {
      try {
        let publicAddressesOnly = false;
        if (cluster.source === 'catalog') {
          const check = await checkCatalogClusterUrl(cluster.url ?? '', {
            allowedHosts: this.options.catalogAllowedHosts ?? [],
          });
          publicAddressesOnly = !check.allowListed;
        }
        connection = await connectCluster(cluster, {
          maxSockets: settings.concurrency,
          publicAddressesOnly,
        });
      } catch (error) {
        return fail(toCollectionError(error, cluster.name, 'connection'));
      }
      const redact = createRedactor(connection.secrets);
      const client = new KubeApiClient({
        connection,
        pageSize: settings.pageSize,
        requestTimeoutMs: settings.requestTimeoutMs,
        limiter: new Semaphore(settings.concurrency),
        signal,
        maxResponseBytes: settings.maxResponseBytes,
        redact,
      });
      const snapshot = emptySnapshot(
        clusterInfo(cluster, connection.server),
        startedAt,
      );

      const versionStart = Date.now();
      try {
        const version = normalizeVersion(await client.get('/version'));
        if (!version) {
          throw new KubeRequestError(
            'invalid-response',
            'GET /version: the response has no Kubernetes version',
          );
        }
        snapshot.version = version;
        snapshot.parts.version = {
          status: 'ok',
          count: 1,
          durationMs: Date.now() - versionStart,
        };
      } catch (error) {
        return fail(toCollectionError(error, cluster.name, '/version', redact));
      }

      const discoveryStart = Date.now();
      try {
        const [api, apis] = await Promise.all([
          client.get('/api'),
          client.get('/apis'),
        ]);
        snapshot.discovery.groups = normalizeGroups(api, apis);
        if (!snapshot.discovery.groups['']) {
          throw new KubeRequestError(
            'invalid-response',
            'GET /api: the response lists no core API version',
          );
        }
      } catch (error) {
        return fail(
          toCollectionError(error, cluster.name, '/api, /apis', redact),
        );
      }
      const discoveryError = await this.readResourceLists(client, snapshot);
      snapshot.parts.discovery = {
        status: 'ok',
        count: Object.keys(snapshot.discovery.groups).length,
        durationMs: Date.now() - discoveryStart,
        ...(discoveryError
          ? {
              error: toCollectionError(
                discoveryError.error,
                cluster.name,
                discoveryError.resource,
                redact,
              ),
            }
          : {}),
      };

      await this.runParts(client, snapshot, redact);
      await this.runExtensions(cluster, client, snapshot, signal, redact);

      snapshot.durationMs = Date.now() - started;
      const failed = Object.entries(snapshot.parts).filter(
        ([, p]) => p?.status === 'error',
      );
      logger.info(
        `Collected cluster ${cluster.name} in ${snapshot.durationMs} ms: ${
          snapshot.nodes.length
        } nodes, ${snapshot.pods.total} pods${
          failed.length
            ? `; parts with errors: ${failed.map(([name]) => name).join(', ')}`
            : ''
        }`,
      );
      return { ok: true, snapshot };
    } finally {
      clearTimeout(timer);
      connection?.agent.destroy();
    }
  }

  /** Resource lists of the group/versions readers care about; a failure here is noted, not fatal. */
  private async readResourceLists(
    client: KubeApiClient,
    snapshot: ClusterSnapshot,
  ): Promise<{ error: unknown; resource: string } | undefined> {
    const targets: string[] = [];
    for (const group of DISCOVERY_GROUPS) {
      for (const version of snapshot.discovery.groups[group]?.versions ?? []) {
        targets.push(`${group}/${version}`);
      }
    }
    let firstError: { error: unknown; resource: string } | undefined;
    await Promise.all(
      targets.map(async gv => {
        try {
          snapshot.discovery.resources[gv] = normalizeResourceList(
            await client.get(`/apis/${gv}`),
          );
        } catch (error) {
          firstError ??= { error, resource: `/apis/${gv}` };
        }
      }),
    );
    return firstError;
  }

  private async runParts(
    client: KubeApiClient,
    snapshot: ClusterSnapshot,
    redact: (t: string) => string,
  ): Promise<void> {
    const parts = this.options.parts ?? BUILTIN_PARTS;
    const finished = new Map<SnapshotPartName, Promise<void>>();
    const markDone = new Map<SnapshotPartName, () => void>();
    for (const part of parts) {
      finished.set(
        part.name,
        new Promise<void>(resolve => markDone.set(part.name, resolve)),
      );
    }
    const finalizers: Array<() => void> = [];
    const groups = snapshot.discovery.groups;
    const resources = snapshot.discovery.resources;

    const ctx: PartContext = {
      client,
      snapshot,
      resolve(group, versions, plural) {
        const served = groups[group]?.versions ?? [];
        for (const version of versions) {
          if (!served.includes(version)) continue;
          const known =
            group === '' ? undefined : resources[`${group}/${version}`];
          if (known && !known.includes(plural)) continue;
          return group === '' ? version : `${group}/${version}`;
        }
        return undefined;
      },
      async list(apiVersion, plural, map) {
        let out: ReturnType<typeof map>[] = [];
        try {
          await client.listEach(apiVersion, plural, {
            onPage: items => {
              for (const item of items) out.push(map(item));
            },
            onRestart: () => {
              out = [];
            },
          });
        } catch (error) {
          throw labelled(
            error,
            apiVersion === 'v1' ? plural : `${apiVersion} ${plural}`,
          );
        }
        return out;
      },
      after: name => finished.get(name) ?? Promise.resolve(),
      finalize: fn => finalizers.push(fn),
    };

    await Promise.all(
      parts.map(async part => {
        const start = Date.now();
        try {
          const result = await part.run(ctx);
          snapshot.parts[part.name] =
            result === NOT_SERVED
              ? { status: 'not-served', durationMs: Date.now() - start }
              : { status: 'ok', count: result, durationMs: Date.now() - start };
        } catch (error) {
          const resource =
            (error as { resource?: string })?.resource ?? part.name;
          const collectionError = toCollectionError(
            error,
            snapshot.cluster.name,
            resource,
            redact,
          );
          snapshot.parts[part.name] = {
            status: 'error',
            durationMs: Date.now() - start,
            error: collectionError,
          };
          this.options.logger.warn(
            `Cluster ${snapshot.cluster.name}: could not read ${resource}: ${collectionError.message}`,
          );
        } finally {
          markDone.get(part.name)?.();
        }
      }),
    );
    for (const fn of finalizers) fn();
  }

  private async runExtensions(
    cluster: ClusterDefinition,
    client: KubeApiClient,
    snapshot: ClusterSnapshot,
    signal: AbortSignal,
    redact: (t: string) => string,
  ): Promise<void> {
    const extensions = this.options.extensions ?? [];
    if (extensions.length === 0) return;
    snapshot.extensions = {};
    await Promise.all(
      extensions.map(async ext => {
        try {
          snapshot.extensions![ext.id] = await ext.collect({
            cluster,
            reader: client,
            snapshot,
            logger: this.options.logger.child({ collector: ext.id }),
            signal,
          });
        } catch (error) {
          const collectionError = toCollectionError(
            error,
            cluster.name,
            `collector ${ext.id}`,
            redact,
          );
          snapshot.extensions![ext.id] = { error: collectionError };
          this.options.logger.warn(
            `Cluster ${cluster.name}: collector ${ext.id} failed: ${collectionError.message}`,
          );
        }
      }),
    );
  }
}

function labelled(error: unknown, resource: string): unknown {
  if (error && typeof error === 'object' && !('resource' in error)) {
    Object.defineProperty(error, 'resource', {
      value: resource,
      enumerable: false,
    });
  }
  return error;
}

/** What a snapshot says about its cluster: never credentials, and no user info in the URL. */
export function clusterInfo(
  cluster: ClusterDefinition,
  server?: string,
): SnapshotClusterInfo {
  const info: SnapshotClusterInfo = {
    name: cluster.name,
    source: cluster.source,
  };
  if (cluster.title) info.title = cluster.title;
  if (cluster.entityRef) info.entityRef = cluster.entityRef;
  const url = cluster.url ?? server;
  if (url) {
    try {
      const u = new URL(url);
      u.username = '';
      u.password = '';
      info.url = u.toString().replace(/\/$/, '');
    } catch {
      // Not a URL: leave it out rather than echo it.
    }
  }
  return info;
}
