import { PodDigestBuilder } from './pods';
import { gpuPod, plainPod } from '../__testUtils__/objects';

describe('PodDigestBuilder', () => {
  it('counts pods by phase and keeps only accelerator pods in detail', () => {
    const digest = new PodDigestBuilder();
    digest.add(gpuPod('vllm-0', 'llm', 'gpu-1', 2));
    digest.add(plainPod('web-0', 'shop', 'cpu-1'));
    digest.add(plainPod('job-0', 'batch', 'cpu-1', {}, 'Succeeded'));
    const result = digest.finish(['gpu-1']);
    expect(result.total).toBe(3);
    expect(result.byPhase).toEqual({ Running: 2, Succeeded: 1 });
    expect(result.acceleratorPods).toEqual([
      {
        namespace: 'llm',
        name: 'vllm-0',
        nodeName: 'gpu-1',
        phase: 'Running',
        requests: { 'nvidia.com/gpu': 2 },
        claims: [],
        schedulerName: 'default-scheduler',
        owner: { kind: 'ReplicaSet', name: 'vllm-qwen3-32b-7c9d8f6b5' },
        // pod-template-hash is dropped.
        labels: {
          app: 'vllm-qwen3-32b',
          'inference.networking.k8s.io/engine-type': 'vllm',
        },
      },
    ]);
  });

  it('takes the effective request: init containers vs the sum of containers, limits as requests', () => {
    const digest = new PodDigestBuilder();
    digest.add({
      metadata: { name: 'finetune', namespace: 'team-nlp' },
      spec: {
        nodeName: 'gpu-1',
        initContainers: [
          { name: 'warmup', resources: { limits: { 'nvidia.com/gpu': '2' } } },
        ],
        containers: [
          {
            name: 'train',
            resources: {
              limits: { 'nvidia.com/gpu': '2' },
              requests: { cpu: '8' },
            },
          },
          { name: 'sidecar', resources: { requests: { cpu: '100m' } } },
        ],
      },
      status: { phase: 'Running' },
    });
    digest.add({
      metadata: { name: 'mig', namespace: 'research' },
      spec: {
        nodeName: 'gpu-2',
        containers: [
          { name: 'a', resources: { limits: { 'nvidia.com/mig-1g.10gb': 1 } } },
          { name: 'b', resources: { limits: { 'nvidia.com/mig-1g.10gb': 1 } } },
        ],
      },
      status: { phase: 'Running' },
    });
    const pods = digest.finish().acceleratorPods;
    expect(pods.find(p => p.name === 'finetune')!.requests).toEqual({
      'nvidia.com/gpu': 2,
    });
    expect(pods.find(p => p.name === 'mig')!.requests).toEqual({
      'nvidia.com/mig-1g.10gb': 2,
    });
  });

  it('keeps pods that use DRA claims, from the spec and from generated names in the status', () => {
    const digest = new PodDigestBuilder();
    digest.add({
      metadata: { name: 'dra-pod', namespace: 'gpu-test1' },
      spec: {
        nodeName: 'gpu-4',
        containers: [{ name: 'ctr', resources: { claims: [{ name: 'gpu' }] } }],
        resourceClaims: [
          { name: 'gpu', resourceClaimTemplateName: 'single-gpu' },
          { name: 'shared', resourceClaimName: 'shared-gpu' },
        ],
      },
      status: {
        phase: 'Running',
        resourceClaimStatuses: [
          { name: 'gpu', resourceClaimName: 'dra-pod-gpu-x8z2k' },
        ],
      },
    });
    expect(digest.finish().acceleratorPods[0]).toMatchObject({
      name: 'dra-pod',
      requests: {},
      claims: ['gpu-test1/shared-gpu', 'gpu-test1/dra-pod-gpu-x8z2k'],
    });
  });

  it('reports isolation findings only on accelerator nodes, except visible devices without a request', () => {
    const digest = new PodDigestBuilder();
    const privileged = {
      containers: [
        { name: 'c', image: 'x', securityContext: { privileged: true } },
      ],
    };
    digest.add(plainPod('dcgm', 'gpu-operator', 'gpu-1', privileged));
    digest.add(plainPod('cni', 'kube-system', 'cpu-1', privileged));
    digest.add(
      plainPod('devmount', 'team', 'gpu-1', {
        volumes: [{ name: 'd', hostPath: { path: '/dev/nvidia0' } }],
      }),
    );
    digest.add(
      plainPod('sneaky', 'team', 'cpu-1', {
        containers: [
          {
            name: 'c',
            env: [{ name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' }],
          },
        ],
      }),
    );
    digest.add(
      plainPod('hidden', 'team', 'cpu-1', {
        containers: [
          {
            name: 'c',
            env: [{ name: 'NVIDIA_VISIBLE_DEVICES', value: 'void' }],
          },
        ],
      }),
    );
    expect(digest.finish(['gpu-1']).isolationFindings).toEqual([
      {
        namespace: 'gpu-operator',
        name: 'dcgm',
        nodeName: 'gpu-1',
        finding: 'privileged',
      },
      {
        namespace: 'team',
        name: 'devmount',
        nodeName: 'gpu-1',
        finding: 'host-dev-mount',
      },
      {
        namespace: 'team',
        name: 'sneaky',
        nodeName: 'cpu-1',
        finding: 'visible-devices-without-request',
      },
    ]);
  });

  it('finds inference pods by llm-d labels and by InferencePool selectors in the same namespace', () => {
    const digest = new PodDigestBuilder({
      inferencePoolSelectors: [
        { namespace: 'llm', selector: { app: 'qwen' } },
        { namespace: 'llm', selector: {} },
      ],
    });
    digest.add({
      metadata: {
        name: 'decode-0',
        namespace: 'llm-d',
        labels: { 'llm-d.ai/role': 'decode' },
      },
      spec: {},
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    digest.add({
      metadata: { name: 'qwen-0', namespace: 'llm', labels: { app: 'qwen' } },
      spec: { nodeName: 'gpu-1' },
      status: { phase: 'Running' },
    });
    digest.add({
      metadata: {
        name: 'qwen-elsewhere',
        namespace: 'other',
        labels: { app: 'qwen' },
      },
      spec: {},
      status: { phase: 'Running' },
    });
    digest.add({
      metadata: { name: 'web', namespace: 'llm', labels: { app: 'web' } },
      spec: {},
      status: { phase: 'Running' },
    });
    expect(digest.finish().inferencePods).toEqual([
      {
        namespace: 'llm-d',
        name: 'decode-0',
        ready: true,
        labels: { 'llm-d.ai/role': 'decode' },
      },
      {
        namespace: 'llm',
        name: 'qwen-0',
        nodeName: 'gpu-1',
        ready: false,
        labels: { app: 'qwen' },
      },
    ]);
  });

  it('ignores garbage entries in a page', () => {
    const digest = new PodDigestBuilder();
    digest.add(null);
    digest.add('pod');
    digest.add({ metadata: { name: 'ok' } });
    expect(digest.finish()).toMatchObject({
      total: 1,
      byPhase: { Unknown: 1 },
    });
  });
});
