import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { secureAcceleratorAccessCheck } from './secure_accelerator_access';
import {
  cluster,
  expectWellFormed,
  forbid,
  h100Node,
  mi300xNode,
  nvidiaSlice,
  run,
  serveDraV1,
  workload,
} from '../__testUtils__/snapshots';

function devicePluginCluster(): ClusterSnapshot {
  const s = cluster(35);
  s.nodes.push(h100Node('gpu-h100-01'));
  workload(s, 'DaemonSet', 'gpu-operator', 'nvidia-device-plugin-daemonset');
  workload(s, 'DaemonSet', 'gpu-operator', 'nvidia-driver-daemonset');
  s.namespaces.push(
    {
      name: 'gpu-operator',
      labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
    },
    {
      name: 'llm-serving',
      labels: { 'pod-security.kubernetes.io/enforce': 'baseline' },
    },
  );
  s.pods.acceleratorPods.push({
    namespace: 'llm-serving',
    name: 'vllm-qwen3-32b-0',
    nodeName: 'gpu-h100-01',
    phase: 'Running',
    requests: { 'nvidia.com/gpu': 2 },
    claims: [],
    labels: {},
  });
  // The GPU Operator's own pods are privileged by design.
  s.pods.isolationFindings.push({
    namespace: 'gpu-operator',
    name: 'nvidia-driver-daemonset-abcde',
    nodeName: 'gpu-h100-01',
    finding: 'privileged',
  });
  return s;
}

describe('secure_accelerator_access', () => {
  it('is partial, as far as read-only goes, when GPUs are only reachable through the device plugin', () => {
    const e = run(secureAcceleratorAccessCheck, devicePluginCluster());
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBe(true);
    expect(e.cannotProve).toMatch(
      /^Only the active test TestSecureAcceleratorAccess settles this/,
    );
    expect(
      e.evidence.some(
        i => i.summary === 'Pod Security enforced in llm-serving',
      ),
    ).toBe(true);
    expectWellFormed(e);
  });

  it('is partial, as far as read-only goes, with DRA devices only', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push({
      ...h100Node('dra-h200-01'),
      labels: { 'kubernetes.io/hostname': 'dra-h200-01' },
      allocatable: { cpu: '190' },
    });
    s.dra.resourceSlices.push(nvidiaSlice('dra-h200-01'));
    const e = run(secureAcceleratorAccessCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'Accelerators are reachable only through the DRA and no bypass was seen; only the active test proves isolation',
    );
  });

  it('fails when a workload pod is privileged with host /dev on a GPU node without requesting GPUs', () => {
    const s = cluster(34);
    s.nodes.push(mi300xNode('mi300x-node-02'));
    workload(s, 'DaemonSet', 'kube-system', 'amdgpu-device-plugin-daemonset');
    s.namespaces.push({ name: 'default', labels: {} });
    s.pods.isolationFindings.push(
      {
        namespace: 'default',
        name: 'rocm-debug',
        nodeName: 'mi300x-node-02',
        finding: 'privileged',
      },
      {
        namespace: 'default',
        name: 'rocm-debug',
        nodeName: 'mi300x-node-02',
        finding: 'host-dev-mount',
      },
    );
    const e = run(secureAcceleratorAccessCheck, s, '1.34');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toBe(
      'Workload pods can reach accelerators outside the device plugin/DRA path: default/rocm-debug on mi300x-node-02: privileged, requests no accelerator, default/rocm-debug on mi300x-node-02: mounts host /dev, requests no accelerator',
    );
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        strength: 'hint',
        supports: false,
        summary:
          'Namespaces running accelerator workloads without Pod Security enforcement: default',
      }),
    );
  });

  it('is partial for a real gap when NVIDIA_VISIBLE_DEVICES is set without a request', () => {
    const s = devicePluginCluster();
    s.pods.isolationFindings.push({
      namespace: 'llm-serving',
      name: 'debug',
      nodeName: 'system-1',
      finding: 'visible-devices-without-request',
    });
    const e = run(secureAcceleratorAccessCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBeUndefined();
    expect(e.reason).toMatch(
      /^NVIDIA_VISIBLE_DEVICES is set without a GPU request in llm-serving\/debug/,
    );
  });

  it('is partial for a real gap when GPU nodes expose no device through a plugin or DRA', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1', { allocatable: { 'nvidia.com/gpu': '0' } }));
    const e = run(secureAcceleratorAccessCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBeUndefined();
  });

  it('is not applicable without accelerators', () => {
    expect(run(secureAcceleratorAccessCheck, cluster(36)).verdict).toBe(
      'not-applicable',
    );
  });

  it('is unknown when pods cannot be read', () => {
    const e = run(
      secureAcceleratorAccessCheck,
      forbid(devicePluginCluster(), 'pods'),
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/pods \(forbidden 403: pods is forbidden/);
  });
});
