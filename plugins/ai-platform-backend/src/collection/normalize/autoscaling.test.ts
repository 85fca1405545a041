import {
  normalizeHpa,
  normalizeKarpenterNodePool,
  parseClusterAutoscalerStatus,
} from './autoscaling';
import {
  autoscalerStatusConfigMap,
  miscObjects,
} from '../__testUtils__/objects';

describe('parseClusterAutoscalerStatus', () => {
  it('reads the YAML status of Cluster Autoscaler 1.30+', () => {
    const status = parseClusterAutoscalerStatus(autoscalerStatusConfigMap)!;
    expect(status.health).toBe('Healthy');
    expect(status.nodeGroups).toEqual([
      { name: 'gpu-h100', minSize: 0, maxSize: 16, ready: 2, registered: 2 },
    ]);
    expect(status.text).toContain('autoscalerStatus: Running');
  });

  it('reads the text status of older versions', () => {
    const text = [
      'Cluster-autoscaler status at 2025-06-01 10:00:00.000000000 +0000 UTC:',
      'Cluster-wide:',
      '  Health:      Healthy (ready=5 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=5 longUnregistered=0)',
      '               LastProbeTime:      2025-06-01 10:00:00 +0000 UTC',
      '  ScaleUp:     NoActivity (ready=5 registered=5)',
      '',
      'NodeGroups:',
      '  Name:        eks-gpu-p5',
      '  Health:      Healthy (ready=2 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=0, maxSize=8))',
      '  ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)',
    ].join('\n');
    expect(parseClusterAutoscalerStatus({ data: { status: text } })).toEqual({
      text,
      health: 'Healthy',
      nodeGroups: [
        { name: 'eks-gpu-p5', ready: 2, registered: 2, minSize: 0, maxSize: 8 },
      ],
    });
  });

  it('returns nothing for a ConfigMap without status', () => {
    expect(parseClusterAutoscalerStatus({ data: {} })).toBeUndefined();
  });
});

describe('normalizeKarpenterNodePool', () => {
  it('recognizes a GPU pool from instance families and limits', () => {
    expect(
      normalizeKarpenterNodePool(miscObjects.find(o => o.kind === 'NodePool')),
    ).toEqual({
      name: 'gpu',
      gpu: true,
      limits: { 'nvidia.com/gpu': '64', cpu: '1000' },
      ready: true,
    });
  });

  it('recognizes a GPU pool from a GPU-count requirement, and a CPU pool as not GPU', () => {
    const pool = (requirements: unknown[]) =>
      normalizeKarpenterNodePool({
        metadata: { name: 'p' },
        spec: { template: { spec: { requirements } } },
      });
    expect(
      pool([
        {
          key: 'karpenter.k8s.aws/instance-gpu-count',
          operator: 'Gt',
          values: ['0'],
        },
      ]).gpu,
    ).toBe(true);
    expect(
      pool([
        {
          key: 'karpenter.k8s.aws/instance-category',
          operator: 'In',
          values: ['c', 'm'],
        },
      ]).gpu,
    ).toBe(false);
    expect(
      pool([
        {
          key: 'karpenter.k8s.aws/instance-gpu-count',
          operator: 'DoesNotExist',
        },
      ]).gpu,
    ).toBe(false);
  });
});

describe('normalizeHpa', () => {
  it('reads target and metrics', () => {
    expect(
      normalizeHpa(miscObjects.find(o => o.kind === 'HorizontalPodAutoscaler')),
    ).toEqual({
      namespace: 'llm',
      name: 'vllm',
      target: { kind: 'Deployment', name: 'vllm-qwen3-32b' },
      metrics: [{ type: 'Pods', name: 'vllm:num_requests_waiting' }],
      scalingActive: true,
    });
  });
});
