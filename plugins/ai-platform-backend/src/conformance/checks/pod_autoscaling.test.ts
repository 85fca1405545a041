import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { podAutoscalingCheck } from './pod_autoscaling';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  h100Node,
  run,
  serve,
  workload,
} from '../__testUtils__/snapshots';

function gpuCluster(): ClusterSnapshot {
  const s = cluster(35);
  s.nodes.push(h100Node('gpu-1'));
  s.apiServices.push({
    name: 'v1beta1.metrics.k8s.io',
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    service: { namespace: 'kube-system', name: 'metrics-server' },
    available: true,
  });
  return s;
}

function withAdapter(available: boolean, metrics: string[]) {
  const s = gpuCluster();
  s.apiServices.push({
    name: 'v1beta1.custom.metrics.k8s.io',
    group: 'custom.metrics.k8s.io',
    version: 'v1beta1',
    service: { namespace: 'monitoring', name: 'prometheus-adapter' },
    available,
  });
  serve(s, 'custom.metrics.k8s.io', ['v1beta1'], { v1beta1: metrics });
  workload(s, 'Deployment', 'monitoring', 'prometheus-adapter');
  return s;
}

describe('pod_autoscaling', () => {
  it('passes when the custom metrics API is Available and lists GPU and inference metrics', () => {
    const s = withAdapter(true, [
      'pods/DCGM_FI_DEV_GPU_UTIL',
      'pods/vllm:num_requests_waiting',
      'namespaces/DCGM_FI_DEV_GPU_UTIL',
    ]);
    workload(s, 'Deployment', 'llm-serving', 'vllm-qwen3-32b', {
      acceleratorRequests: { 'nvidia.com/gpu': 2 },
    });
    s.autoscaling.horizontalPodAutoscalers.push({
      namespace: 'llm-serving',
      name: 'vllm-qwen3-32b',
      target: { kind: 'Deployment', name: 'vllm-qwen3-32b' },
      metrics: [{ type: 'Pods', name: 'vllm:num_requests_waiting' }],
      scalingActive: true,
    });
    const e = run(podAutoscalingCheck, s, '1.35');
    expect(e.verdict).toBe('pass');
    expect(e.evidence[0].summary).toBe(
      'APIService v1beta1.custom.metrics.k8s.io Available=True (monitoring/prometheus-adapter) lists pods/DCGM_FI_DEV_GPU_UTIL, pods/vllm:num_requests_waiting, namespaces/DCGM_FI_DEV_GPU_UTIL',
    );
    expect(
      e.evidence.some(i =>
        i.summary.startsWith(
          'HPA llm-serving/vllm-qwen3-32b scales Deployment vllm-qwen3-32b (GPU workload) on Pods vllm:num_requests_waiting',
        ),
      ),
    ).toBe(true);
    expectWellFormed(e);
  });

  it('passes when the external metrics API (KEDA) is Available', () => {
    const s = gpuCluster();
    s.apiServices.push({
      name: 'v1beta1.external.metrics.k8s.io',
      group: 'external.metrics.k8s.io',
      version: 'v1beta1',
      service: { namespace: 'keda', name: 'keda-operator-metrics-apiserver' },
      available: true,
    });
    expect(run(podAutoscalingCheck, s, '1.35').verdict).toBe('pass');
  });

  it('is partial when the custom metrics APIService is not Available', () => {
    const e = run(podAutoscalingCheck, withAdapter(false, []), '1.35');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'Custom metrics autoscaling is incomplete: v1beta1.custom.metrics.k8s.io is not Available',
    );
  });

  it('is partial when the custom metrics list has no GPU or inference metric', () => {
    expect(
      run(
        podAutoscalingCheck,
        withAdapter(true, ['pods/http_requests_total']),
        '1.35',
      ).verdict,
    ).toBe('partial');
  });

  it('is partial with only the KEDA CRD', () => {
    const s = crd(gpuCluster(), 'scaledobjects', 'keda.sh', 'ScaledObject', {
      versions: ['v1alpha1'],
    });
    expect(run(podAutoscalingCheck, s, '1.35').verdict).toBe('partial');
  });

  it('fails with only metrics-server', () => {
    const e = run(podAutoscalingCheck, gpuCluster(), '1.33');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(
      /^Only v1beta1.metrics.k8s.io \(metrics-server: CPU and memory\)/,
    );
  });

  it('fails with no metrics APIService at all', () => {
    const s = cluster(34);
    s.nodes.push(h100Node('gpu-1'));
    expect(run(podAutoscalingCheck, s, '1.34').reason).toBe(
      'No metrics APIService at all (no custom.metrics, external.metrics or metrics.k8s.io)',
    );
  });

  it('is not applicable without accelerators', () => {
    const e = run(podAutoscalingCheck, cluster(36));
    expect(e.verdict).toBe('not-applicable');
    expect(e.reason).toMatch(
      /\(the requirement is HPA on accelerator workloads\)$/,
    );
  });

  it('is not applicable when autoscaling/v2 is not served', () => {
    const s = gpuCluster();
    delete s.discovery.groups.autoscaling;
    expect(run(podAutoscalingCheck, s).verdict).toBe('not-applicable');
  });

  it('is unknown when the APIServices cannot be read', () => {
    const e = run(
      podAutoscalingCheck,
      forbid(gpuCluster(), 'apiServices', 'apiservices'),
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(
      /^Could not read the APIServices: apiServices \(forbidden 403/,
    );
  });
});
