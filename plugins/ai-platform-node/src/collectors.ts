import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { ClusterDefinition } from './clusters';

/**
 * Read-only access to one cluster's API, with the pagination, timeouts and
 * error mapping the built-in collectors use.
 *
 * @public
 */
export interface ClusterApiReader {
  /** GET a raw API path (e.g. `/apis/ray.io/v1`), parsed as JSON. */
  get<T = unknown>(path: string): Promise<T>;
  /**
   * List a resource page by page (`limit`/`continue`). `apiVersion` is
   * `v1` for the core group or `group/version`.
   */
  listPages<T = unknown>(
    apiVersion: string,
    plural: string,
    options?: {
      namespace?: string;
      labelSelector?: string;
      fieldSelector?: string;
    },
  ): AsyncIterable<T[]>;
}

/**
 * Adds a part to every snapshot, stored under `snapshot.extensions[id]`.
 * Runs after the built-in collectors, so discovery and CRDs are available.
 *
 * @public
 */
export interface SnapshotCollector {
  id: string;
  collect(context: {
    cluster: ClusterDefinition;
    reader: ClusterApiReader;
    snapshot: Readonly<ClusterSnapshot>;
    logger: LoggerService;
    signal: AbortSignal;
  }): Promise<unknown>;
}
