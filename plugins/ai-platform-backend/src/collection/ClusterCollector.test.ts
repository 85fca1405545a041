import { mockServices } from '@backstage/backend-test-utils';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from './ClusterCollector';
import {
  draClaim,
  draDeviceClass,
  draSlice,
  h100Node,
  richCluster,
} from './__testUtils__/objects';

const TOKEN = 'sim-token-rich-0123456789';

function definition(
  sim: KubeSim,
  name: string,
  token = TOKEN,
): ClusterDefinition {
  return {
    name,
    title: `Cluster ${name}`,
    url: sim.cluster(name).url,
    source: 'config',
    auth: { type: 'serviceAccount', token },
  };
}

describe('ClusterCollector', () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: [
        {
          name: 'rich',
          objects: richCluster(),
          token: TOKEN,
          version: {
            major: '1',
            minor: '34+',
            gitVersion: 'v1.34.3-eks-3025e55',
          },
        },
        {
          name: 'bare',
          objects: [h100Node('n1')],
          token: TOKEN,
          version: { major: '1', minor: '31', gitVersion: 'v1.31.4' },
        },
        {
          name: 'dra-beta',
          objects: [
            h100Node('n1', { gpus: 0 }),
            { ...draDeviceClass, apiVersion: 'resource.k8s.io/v1beta1' },
            draSlice('n1', 4, 'resource.k8s.io/v1beta1'),
            {
              ...draClaim('c1', 'default', 'n1'),
              apiVersion: 'resource.k8s.io/v1beta1',
            },
          ],
          token: TOKEN,
          version: { major: '1', minor: '32', gitVersion: 'v1.32.2' },
        },
      ],
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  const collector = (
    overrides: Partial<typeof DEFAULT_COLLECTION_SETTINGS> = {},
  ) =>
    new ClusterCollector({
      settings: { ...DEFAULT_COLLECTION_SETTINGS, pageSize: 2, ...overrides },
      logger: mockServices.logger.mock(),
    });

  it('reads every part of a rich cluster into one snapshot', async () => {
    const outcome = await collector().collect(definition(sim, 'rich'));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const s = outcome.snapshot;

    expect(s.cluster).toEqual({
      name: 'rich',
      title: 'Cluster rich',
      source: 'config',
      url: sim.cluster('rich').url,
    });
    expect(s.version).toMatchObject({
      major: 1,
      minor: 34,
      gitVersion: 'v1.34.3-eks-3025e55',
    });
    const statuses = Object.fromEntries(
      Object.entries(s.parts).map(([k, v]) => [k, v!.status]),
    );
    expect(statuses).toEqual({
      version: 'ok',
      discovery: 'ok',
      crds: 'ok',
      apiServices: 'ok',
      namespaces: 'ok',
      nodes: 'ok',
      pods: 'ok',
      draDeviceClasses: 'ok',
      draResourceSlices: 'ok',
      draResourceClaims: 'ok',
      daemonSets: 'ok',
      deployments: 'ok',
      services: 'ok',
      configMaps: 'ok',
      gatewayClasses: 'ok',
      gateways: 'ok',
      httpRoutes: 'ok',
      inferencePools: 'ok',
      inferenceServices: 'ok',
      llmInferenceServices: 'ok',
      servingRuntimes: 'ok',
      kagentAgents: 'ok',
      kagentModelConfigs: 'ok',
      kagentRemoteMcpServers: 'ok',
      kueue: 'ok',
      volcano: 'not-served',
      runtimeClasses: 'ok',
      karpenterNodePools: 'ok',
      horizontalPodAutoscalers: 'ok',
      monitors: 'ok',
      validatingWebhooks: 'ok',
      operatorResources: 'ok',
    });

    expect(s.discovery.groups['resource.k8s.io'].versions).toContain('v1');
    expect(s.discovery.resources['inference.networking.k8s.io/v1']).toEqual([
      'inferencepools',
    ]);
    expect(s.crds.map(c => c.name)).toContain(
      'inferencepools.inference.networking.k8s.io',
    );
    expect(s.namespaces.find(n => n.name === 'llm')!.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'baseline',
    });
    expect(s.nodes.map(n => n.name).sort()).toEqual([
      'cpu-01',
      'gpu-h100-01',
      'gpu-h100-02',
    ]);
    expect(
      s.nodes.find(n => n.name === 'gpu-h100-01')!.allocatable[
        'nvidia.com/gpu'
      ],
    ).toBe('8');

    // Pods: paginated 2 at a time, summarized.
    expect(s.pods.total).toBe(6);
    expect(s.parts.pods!.count).toBe(6);
    expect(s.pods.byPhase).toEqual({ Running: 4, Pending: 1, Succeeded: 1 });
    expect(s.pods.acceleratorPods.map(p => p.name).sort()).toEqual([
      'train-pending',
      'vllm-qwen3-32b-7c9d8f6b5-abcde',
    ]);
    expect(s.pods.isolationFindings).toEqual(
      expect.arrayContaining([
        {
          namespace: 'gpu-operator',
          name: 'dcgm-exporter-x1',
          nodeName: 'gpu-h100-01',
          finding: 'privileged',
        },
        {
          namespace: 'team-b',
          name: 'sneaky',
          nodeName: 'gpu-h100-01',
          finding: 'host-dev-mount',
        },
        {
          namespace: 'team-b',
          name: 'sneaky',
          nodeName: 'gpu-h100-01',
          finding: 'visible-devices-without-request',
        },
      ]),
    );
    // Privileged on a CPU node is not an accelerator isolation finding.
    expect(
      s.pods.isolationFindings.some(f => f.name === 'cni-privileged'),
    ).toBe(false);
    expect(s.pods.inferencePods.map(p => p.name)).toEqual([
      'vllm-qwen3-32b-7c9d8f6b5-abcde',
    ]);

    expect(s.dra.apiVersion).toBe('resource.k8s.io/v1');
    expect(s.dra.resourceSlices[0].devices).toHaveLength(2);
    expect(s.dra.resourceClaims[0]).toMatchObject({
      allocated: true,
      nodeName: 'gpu-h100-02',
    });
    expect(
      s.workloads.deployments.find(d => d.name === 'vllm-qwen3-32b')!
        .containers![0].env,
    ).toEqual({
      VLLM_ADDITIONAL_ARGS: '--enable-auto-tool-choice',
    });
    expect(
      s.workloads.deployments.find(d => d.name === 'web')!.containers,
    ).toBeUndefined();
    expect(s.autoscaling.clusterAutoscalerStatus).toMatchObject({
      health: 'Healthy',
      nodeGroups: [
        { name: 'gpu-h100', minSize: 0, maxSize: 16, ready: 2, registered: 2 },
      ],
    });
    expect(s.networking.inferencePools[0]).toMatchObject({
      apiVersion: 'inference.networking.k8s.io/v1',
      name: 'vllm-qwen3-32b',
    });
    expect(s.serving.inferenceServices[0]).toMatchObject({
      modelFormat: 'huggingface',
      ready: true,
    });
    expect(s.serving.llmInferenceServices[0]).toMatchObject({
      disaggregated: true,
      apiVersion: 'serving.kserve.io/v1alpha2',
    });
    expect(s.serving.servingRuntimes).toEqual([
      {
        name: 'kserve-huggingfaceserver',
        clusterScoped: true,
        modelFormats: ['huggingface'],
        images: ['kserve/huggingfaceserver:v0.15.0'],
      },
    ]);
    expect(s.agents.kagentAgents[0].tools[0].mcpServer!.name).toBe(
      'kagent-tool-server',
    );
    expect(s.scheduling.kueue).toMatchObject({
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      workloads: { total: 2, admitted: 1 },
    });
    expect(s.autoscaling.karpenterNodePools[0]).toMatchObject({
      name: 'gpu',
      gpu: true,
    });
    expect(s.observability.prometheuses).toEqual([
      { namespace: 'monitoring', name: 'k8s', ready: true },
    ]);
    expect(s.operatorResources).toEqual([
      expect.objectContaining({
        apiVersion: 'ray.io/v1',
        kind: 'RayCluster',
        state: 'ready',
      }),
    ]);
    expect(s.durationMs).toBeGreaterThanOrEqual(0);
    // Nothing of the token in the stored picture.
    expect(JSON.stringify(s)).not.toContain(TOKEN);
  });

  it('marks parts whose API is not served as not-served, not as errors', async () => {
    const outcome = await collector().collect(definition(sim, 'bare'));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { parts } = outcome.snapshot;
    expect(parts.nodes!.status).toBe('ok');
    for (const name of [
      'draResourceSlices',
      'inferencePools',
      'kagentAgents',
      'kueue',
      'monitors',
      'operatorResources',
    ] as const) {
      expect(parts[name]!.status).toBe('not-served');
    }
    expect(outcome.snapshot.dra.apiVersion).toBeUndefined();
  });

  it('reads DRA from resource.k8s.io/v1beta1 when that is what the cluster serves', async () => {
    const outcome = await collector().collect(definition(sim, 'dra-beta'));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { dra, parts } = outcome.snapshot;
    expect(parts.draResourceSlices!.status).toBe('ok');
    expect(dra.apiVersion).toBe('resource.k8s.io/v1beta1');
    expect(dra.resourceSlices[0].devices).toHaveLength(4);
    expect(dra.resourceSlices[0].devices[0].capacity).toEqual({
      memory: '81559Mi',
    });
    expect(dra.resourceClaims).toHaveLength(1);
  });

  it('fails the whole collection with a clear error when the token is wrong', async () => {
    const outcome = await collector().collect(
      definition(sim, 'rich', 'wrong-token-000000'),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({
      cluster: 'rich',
      resource: '/version',
      reason: 'unauthorized',
      httpStatus: 401,
    });
  });
});
