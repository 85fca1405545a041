import { KubeSim } from '@ai-platform/kube-sim';
import aiPlatformBackend from '@ai-platform/plugin-ai-platform-backend';
import { AiPlatformClient } from '@ai-platform/plugin-ai-platform-common';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonValue } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  collectClusters,
  DEMO_CLUSTERS,
  kubernetesConfig,
  REPO_ROOT,
  startClusters,
} from '../__testUtils__/demoClusters';
import { createGpuPlaceAction } from './createGpuPlaceAction';

jest.setTimeout(120_000);

const CLUSTERS = [...DEMO_CLUSTERS, 'dra-incomplete-pool'];

/** The demo's cluster Resources, so the backend knows their entity refs. */
function clusterEntities(): Entity[] {
  const text = fs.readFileSync(
    path.join(REPO_ROOT, 'examples/clusters.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS() as Entity)
    .filter(Boolean)
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

describe('ai-platform:gpu:place against the demo clusters', () => {
  let sim: KubeSim;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let action: ReturnType<typeof createGpuPlaceAction>;

  beforeAll(async () => {
    sim = await startClusters(CLUSTERS);
    ({ server } = await startTestBackend({
      features: [
        aiPlatformBackend,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: kubernetesConfig(sim),
            aiPlatform: { collection: { requestTimeout: '3s' } },
          },
        }),
        catalogServiceMock.factory({ entities: clusterEntities() }),
      ],
    }));
    await collectClusters(server, CLUSTERS);
    const api = new AiPlatformClient({
      discoveryApi: {
        getBaseUrl: async () =>
          `http://localhost:${server.port()}/api/ai-platform`,
      },
    });
    action = createGpuPlaceAction({ api, auth: mockServices.auth() });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  async function place(input: Record<string, JsonValue>, extra: object = {}) {
    const logger = mockServices.logger.mock();
    const ctx = { ...createMockActionContext({ input, logger }), ...extra };
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { outputs, logger };
  }

  it('places one 80 GiB GPU on the H100 node that packs tightest', async () => {
    // The oracle: gpu-h100-01..05 have 3, 2, 4, 4 (DRA), 4 (DRA) free; every
    // H100 fits 80 GiB exactly, so the node with the fewest left over wins.
    const { outputs } = await place({
      count: 1,
      minMemoryGiB: 80,
      vendor: 'nvidia',
    });
    expect(outputs).toMatchObject({
      cluster: 'h100-prod',
      clusterEntityRef: 'resource:default/h100-prod',
      node: 'gpu-h100-02',
      product: 'NVIDIA-H100-80GB-HBM3',
      resourceName: 'nvidia.com/gpu',
      unitKind: 'whole',
      dra: false,
      count: 1,
      freeUnits: 2,
      nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' },
      instanceType: 'p5.48xlarge',
      dryRun: false,
    });
    expect(outputs.tolerations).toContainEqual({
      key: 'nvidia.com/gpu',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    expect(outputs.why).toMatch(
      /^h100-prod\/gpu-h100-02: 2 free NVIDIA-H100-80GB-HBM3, 1 needed; 80 GiB per device\./,
    );
    expect(outputs.why).toMatch(/it is read, not reserved/);
    expect(outputs.alternatives.length).toBeGreaterThan(0);
  });

  it('puts a request only the MI300X memory can take on the AMD node with six free', async () => {
    // H200s (140 GiB) have six free too, but not 150 GiB each.
    const { outputs } = await place({ count: 6, minMemoryGiB: 150 });
    expect(outputs).toMatchObject({
      cluster: 'mi300x-lab',
      node: 'mi300x-node-01',
      vendor: 'amd',
      product: 'AMD_Instinct_MI300X_OAM',
      resourceName: 'amd.com/gpu',
      nodeSelector: { 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM' },
      memoryGiB: 192,
    });
  });

  it('accepts a MIG instance for a single small GPU, never for tensor parallelism', async () => {
    const { outputs } = await place({
      count: 1,
      minMemoryGiB: 40,
      product: 'A100',
    });
    expect(outputs).toMatchObject({
      cluster: 'a100-research',
      resourceName: 'nvidia.com/mig-3g.40gb',
      unitKind: 'mig',
      nodeSelector: {},
    });
    await expect(
      place({ count: 2, minMemoryGiB: 40, product: 'A100' }),
    ).rejects.toThrow(/No cluster can take this request now/);
  });

  it('uses DRA devices when allowed and names their DeviceClass; leaves them out when not', async () => {
    const { outputs } = await place({ count: 2, product: 'H200' });
    expect(outputs).toMatchObject({
      cluster: 'dra-incomplete-pool',
      dra: true,
      deviceClassName: 'gpu.nvidia.com',
      nodeSelector: {},
    });
    await expect(
      place({ count: 2, product: 'H200', allowDra: false }),
    ).rejects.toThrow(
      /only through DRA, which this serving stack does not request/,
    );
  });

  it('validates the cluster you name and says where else it fits', async () => {
    const failure = place({
      count: 6,
      minMemoryGiB: 100,
      cluster: 'resource:default/h100-prod',
    });
    await expect(failure).rejects.toThrow(
      /^Cluster h100-prod cannot take this request now: No node can take 6 × ≥100 GiB/,
    );
    await expect(failure).rejects.toThrow(
      /Closest options in h100-prod:\n- h100-prod\/gpu-h100-\d+: .*80 GiB per device, 100 needed/,
    );
    await expect(failure).rejects.toThrow(
      /It fits elsewhere: .*mi300x-lab\/mi300x-node-01: 6 free AMD_Instinct_MI300X_OAM \(192 GiB each\)/,
    );

    const { outputs } = await place({
      count: 4,
      cluster: 'h100-prod',
      allowDra: false,
    });
    expect(outputs).toMatchObject({
      cluster: 'h100-prod',
      node: 'gpu-h100-03',
    });
    expect(outputs.why).toMatch(
      /Validated on the cluster you chose, h100-prod/,
    );
  });

  it('fails with the closest options when nothing fits anywhere', async () => {
    await expect(place({ count: 8, minMemoryGiB: 80 })).rejects.toThrow(
      /^No cluster can take this request now: No node can take 8 × ≥80 GiB[^]*Closest options:\n(- .*\n)*- mi300x-lab\/mi300x-node-01: 6 free AMD_Instinct_MI300X_OAM \(192 GiB each\); 6 free of 8 needed\n/,
    );
  });

  it('rejects a cluster it does not know, listing the ones it does', async () => {
    await expect(place({ count: 1, cluster: 'nope' })).rejects.toThrow(
      /Unknown cluster "nope"; the portal knows .*h100-prod \(resource:default\/h100-prod\)/,
    );
  });

  it('places a gang on enough nodes of one cluster, or says how many there are', async () => {
    const { outputs } = await place({
      count: 2,
      nodes: 3,
      vendor: 'nvidia',
      allowDra: false,
    });
    expect(outputs.cluster).toBe('h100-prod');
    expect(outputs.gangNodes).toEqual(
      expect.arrayContaining(['gpu-h100-01', 'gpu-h100-02', 'gpu-h100-03']),
    );
    expect(outputs.why).toMatch(
      /3 nodes of h100-prod can each take 2 now, 3 needed for the gang/,
    );
    await expect(
      place({
        count: 4,
        nodes: 2,
        vendor: 'nvidia',
        allowDra: false,
        product: 'H100',
      }),
    ).rejects.toThrow(
      /No cluster has 2 nodes that can each take 4 GPUs now[^]*h100-prod has 1 \(gpu-h100-03\)/,
    );
  });

  it('reads capacity in a dry run too, and says so', async () => {
    const { outputs, logger } = await place(
      { count: 1, minMemoryGiB: 80 },
      { isDryRun: true },
    );
    expect(outputs.dryRun).toBe(true);
    expect(outputs.node).toBe('gpu-h100-02');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Dry run: reading live GPU capacity anyway/),
    );
  });

  it('keeps the placement a recovered task already chose', async () => {
    const saved = new Map<string, JsonValue>();
    const checkpoint = async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<JsonValue>;
    }) => {
      if (!saved.has(key)) saved.set(key, await fn());
      return saved.get(key);
    };
    const first = await place({ count: 1, minMemoryGiB: 80 }, { checkpoint });
    // Capacity changes between the crash and the recovery: the step must not move.
    const fake = {
      ...(saved.get('placement') as object),
      node: 'recorded-node',
    };
    saved.set('placement', fake as JsonValue);
    const second = await place({ count: 1, minMemoryGiB: 80 }, { checkpoint });
    expect(first.outputs.node).toBe('gpu-h100-02');
    expect(second.outputs.node).toBe('recorded-node');
  });

  it('skips a cluster whose collection fails, and says it is stale', async () => {
    sim.setFaults([{ cluster: 'mi300x-lab', kind: 'status', status: 500 }]);
    try {
      await collectClusters(server, ['mi300x-lab'], 'stale');
      await expect(place({ count: 2, vendor: 'amd' })).rejects.toThrow(
        /No cluster can take this request now[^]*- cluster mi300x-lab skipped: stale: the last collection failed/,
      );
      await expect(place({ count: 2, cluster: 'mi300x-lab' })).rejects.toThrow(
        /^Cluster mi300x-lab cannot be used now: stale: the last collection failed/,
      );
    } finally {
      sim.clearFaults();
    }
    await collectClusters(server, ['mi300x-lab'], 'fresh');
    const { outputs } = await place({ count: 2, vendor: 'amd' });
    expect(outputs.cluster).toBe('mi300x-lab');
  });
});
