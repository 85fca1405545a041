import { acceleratorMetricsCheck } from './accelerator_metrics';
import {
  cluster,
  expectWellFormed,
  forbid,
  h100Node,
  mi300xNode,
  run,
  service,
  workload,
} from '../__testUtils__/snapshots';

function dcgm(ready: number, withService = true) {
  const s = cluster(35);
  s.nodes.push(
    h100Node('gpu-h100-01'),
    h100Node('gpu-h100-02'),
    h100Node('gpu-h100-03'),
  );
  workload(s, 'DaemonSet', 'gpu-operator', 'nvidia-dcgm-exporter', {
    templateLabels: { app: 'nvidia-dcgm-exporter' },
    desired: 3,
    ready,
  });
  if (withService) {
    service(
      s,
      'gpu-operator',
      'nvidia-dcgm-exporter',
      { app: 'nvidia-dcgm-exporter' },
      [9400],
      { app: 'nvidia-dcgm-exporter' },
    );
  }
  s.observability.monitors.push({
    group: 'monitoring.coreos.com',
    kind: 'ServiceMonitor',
    namespace: 'gpu-operator',
    name: 'nvidia-dcgm-exporter',
    selector: { app: 'nvidia-dcgm-exporter' },
  });
  return s;
}

describe('accelerator_metrics', () => {
  it('passes with the DCGM exporter ready on every GPU node behind a Service on 9400', () => {
    const e = run(acceleratorMetricsCheck, dcgm(3));
    expect(e.verdict).toBe('pass');
    expect(e.evidence.map(i => i.summary)).toEqual([
      'DaemonSet gpu-operator/nvidia-dcgm-exporter ready on 3 of 3 NVIDIA accelerator node(s)',
      'Service gpu-operator/nvidia-dcgm-exporter port 9400',
      'ServiceMonitor gpu-operator/nvidia-dcgm-exporter targets the exporter',
      'Label nvidia.com/gpu.deploy.dcgm-exporter=true on 3 node(s)',
    ]);
    expect(e.cannotProve).toMatch(/TestAcceleratorPerformanceMetrics/);
    expectWellFormed(e);
  });

  it('is partial when the exporter is ready on only some GPU nodes', () => {
    const e = run(acceleratorMetricsCheck, dcgm(2));
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'Accelerator metrics are incomplete: gpu-operator/nvidia-dcgm-exporter is ready on 2 of 3 NVIDIA accelerator nodes',
    );
  });

  it('is partial when no Service exposes the exporter', () => {
    expect(run(acceleratorMetricsCheck, dcgm(3, false)).reason).toMatch(
      /no Service exposes gpu-operator\/nvidia-dcgm-exporter/,
    );
  });

  it('fails with only the dcgm-exporter deploy label', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    const e = run(acceleratorMetricsCheck, s);
    expect(e.verdict).toBe('fail');
    expect(e.evidence).toEqual([expect.objectContaining({ strength: 'hint' })]);
  });

  it('fails on AMD GPUs without a metrics exporter', () => {
    const s = cluster(34);
    s.nodes.push(mi300xNode('mi300x-node-01'));
    workload(s, 'DaemonSet', 'kube-system', 'amdgpu-device-plugin-daemonset');
    expect(run(acceleratorMetricsCheck, s, '1.34').reason).toBe(
      'No accelerator metrics exporter: no non-NVIDIA metrics exporter for 1 node(s)',
    );
  });

  it('is not applicable without accelerators', () => {
    expect(run(acceleratorMetricsCheck, cluster(36)).verdict).toBe(
      'not-applicable',
    );
  });

  it('is unknown when DaemonSets cannot be read', () => {
    const e = run(
      acceleratorMetricsCheck,
      forbid(dcgm(3), 'daemonSets', 'daemonsets'),
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/daemonSets \(forbidden 403/);
  });

  it('is unknown when the exporter is healthy but Services cannot be read', () => {
    const s = forbid(dcgm(3), 'services');
    s.services = [];
    const e = run(acceleratorMetricsCheck, s);
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(
      /^Could not read the Service in front of the exporter: services \(forbidden/,
    );
  });
});
