import { driverRuntimeManagementCheck } from './driver_runtime_management';
import {
  cluster,
  expectWellFormed,
  forbid,
  gpuDeviceClass,
  h100Node,
  mi300xNode,
  nvidiaSlice,
  run,
  serveDraV1,
  workload,
} from '../__testUtils__/snapshots';

function gfdCluster() {
  const s = cluster(35);
  s.nodes.push(h100Node('gpu-h100-01'), h100Node('gpu-h100-02'));
  s.scheduling.runtimeClasses.push({ name: 'nvidia', handler: 'nvidia' });
  for (const name of [
    'nvidia-driver-daemonset',
    'nvidia-container-toolkit-daemonset',
    'nvidia-operator-validator',
    'gpu-feature-discovery',
  ]) {
    workload(s, 'DaemonSet', 'gpu-operator', name, { desired: 2, ready: 2 });
  }
  return s;
}

describe('driver_runtime_management', () => {
  it('passes when the NVIDIA DRA driver publishes driverVersion and cudaDriverVersion', () => {
    const s = serveDraV1(gfdCluster());
    s.dra.deviceClasses.push(gpuDeviceClass());
    s.dra.resourceSlices.push(nvidiaSlice('gpu-h100-01'));
    const e = run(driverRuntimeManagementCheck, s);
    expect(e.verdict).toBe('pass');
    expect(e.evidence[0]).toMatchObject({
      strength: 'strong',
      summary:
        'DRA driver gpu.nvidia.com publishes driverVersion 580.95.05 and cudaDriverVersion 13.0.0 on gpu-h100-01',
    });
    expect(e.cannotProve).toMatch(/TestAcceleratorDriverRuntimeManagement/);
    expectWellFormed(e);
  });

  it('is partial with only GFD labels and the nvidia RuntimeClass', () => {
    const e = run(driverRuntimeManagementCheck, gfdCluster());
    expect(e.verdict).toBe('partial');
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        strength: 'medium',
        summary:
          'Label nvidia.com/cuda.driver-version.full=570.133.20 and nvidia.com/cuda.runtime-version.full=12.8 on 2 of 2 accelerator nodes',
      }),
    );
    expect(
      e.evidence.filter(
        i => i.strength === 'hint' && /gpu-operator\//.test(i.summary),
      ),
    ).toHaveLength(4);
  });

  it('is partial with the AMD labeller driver-version label', () => {
    const s = cluster(35);
    s.nodes.push(mi300xNode('mi300x-node-01'));
    expect(run(driverRuntimeManagementCheck, s).verdict).toBe('partial');
  });

  it('ignores DRA slices of an incomplete pool', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(
      h100Node('gpu-1', {
        labels: { 'nvidia.com/cuda.driver-version.full': '' },
      }),
    );
    delete s.nodes[1].labels['nvidia.com/cuda.driver-version.full'];
    s.dra.resourceSlices.push(nvidiaSlice('gpu-1', 8, { sliceCount: 2 }));
    expect(run(driverRuntimeManagementCheck, s).verdict).toBe('fail');
  });

  it('fails when no driver version is advertised anywhere', () => {
    const s = cluster(35);
    const node = h100Node('gpu-1');
    delete node.labels['nvidia.com/cuda.driver-version.full'];
    delete node.labels['nvidia.com/cuda.runtime-version.full'];
    s.nodes.push(node);
    const e = run(driverRuntimeManagementCheck, s);
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(/^No accelerator driver version is advertised/);
  });

  it('is not applicable without accelerators', () => {
    const e = run(driverRuntimeManagementCheck, cluster(36));
    expect(e.verdict).toBe('not-applicable');
    expect(e.reason).toBe(
      'Not applicable: no accelerators at all (no GPU extended resources, presence labels or DRA devices on any node)',
    );
  });

  it('is unknown when nodes cannot be read and nothing else shows accelerators', () => {
    const e = run(driverRuntimeManagementCheck, forbid(cluster(36), 'nodes'));
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/nodes \(forbidden 403: nodes is forbidden/);
  });

  it('is unknown when labels show versions but the DRA slices cannot be read', () => {
    const e = run(
      driverRuntimeManagementCheck,
      forbid(gfdCluster(), 'draResourceSlices', 'resourceslices'),
    );
    expect(e.verdict).toBe('unknown');
  });
});
