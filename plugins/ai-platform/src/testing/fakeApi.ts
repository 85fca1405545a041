import { AiPlatformApi } from '@ai-platform/plugin-ai-platform-common';
import { NotFoundError } from '@backstage/errors';
import {
  a100Inventory,
  a100MigNode,
  capacityFit,
  checklists,
  clusterStatuses,
  fleetInventory,
  h100Inventory,
  h100Nodes,
  historyFor,
  matrix135,
  scorecardFor,
  workloads,
} from './fixtures';

export type FakeAiPlatformApi = jest.Mocked<AiPlatformApi>;

/**
 * An in-memory AiPlatformApi over the fixtures. Every method is a jest mock,
 * so tests can both assert on the queries and override one answer.
 */
export function createFakeAiPlatformApi(
  overrides: Partial<AiPlatformApi> = {},
): FakeAiPlatformApi {
  const nodes = [...h100Nodes, a100MigNode];
  const inventories: Record<string, typeof h100Inventory> = {
    'h100-prod': h100Inventory,
    'a100-research': a100Inventory,
  };
  const impl: AiPlatformApi = {
    async listClusters() {
      return { items: clusterStatuses };
    },
    async getCluster(name) {
      const c = clusterStatuses.find(s => s.name === name);
      if (!c) throw new NotFoundError(`No cluster ${name}`);
      return c;
    },
    async refreshCluster() {
      return { accepted: true };
    },
    async getClusterQueues(name) {
      const c = clusterStatuses.find(s => s.name === name);
      if (!c) throw new NotFoundError(`No cluster ${name}`);
      return {
        cluster: name,
        collectedAt: c.snapshotCollectedAt ?? '2026-08-20T10:00:00.000Z',
        stale: c.stale,
        kueue: { status: 'not-installed', clusterQueues: [], localQueues: [] },
        volcano: { status: 'not-installed', queues: [] },
      };
    },
    async getFleetInventory() {
      return fleetInventory;
    },
    async getClusterInventory(name) {
      const inv = inventories[name];
      if (!inv) throw new NotFoundError(`No inventory for ${name}`);
      return inv;
    },
    async listNodes(query = {}) {
      const matching = nodes.filter(
        n =>
          (!query.clusters || query.clusters.includes(n.cluster)) &&
          (!query.vendor || n.vendor === query.vendor) &&
          (!query.product ||
            n.product?.toLowerCase().includes(query.product.toLowerCase())) &&
          (query.minFree === undefined || n.free >= query.minFree),
      );
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 25;
      const items = matching.slice(offset, offset + limit);
      return {
        items,
        totalItems: matching.length,
        nextOffset:
          offset + limit < matching.length ? offset + limit : undefined,
      };
    },
    async fitCapacity() {
      return capacityFit;
    },
    async listChecklists() {
      return { items: checklists };
    },
    async getScorecard(cluster) {
      return scorecardFor(cluster);
    },
    async getConformanceMatrix() {
      return matrix135;
    },
    async getConformanceHistory(cluster) {
      return { items: historyFor(cluster) };
    },
    async getProductYaml(cluster) {
      return `# PRODUCT.yaml for ${cluster}\nname: ${cluster}\n`;
    },
    async listDiscoveredWorkloads(query = {}) {
      return {
        items: workloads.filter(
          w => !query.cluster || w.cluster === query.cluster,
        ),
      };
    },
    ...overrides,
  };
  const mocked = {} as FakeAiPlatformApi;
  for (const key of Object.keys(impl) as (keyof AiPlatformApi)[]) {
    (mocked as any)[key] = jest.fn((impl as any)[key]);
  }
  return mocked;
}

/** A promise that never settles, to hold a component in its loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
