import { gpuSharingCheck } from './gpu_sharing';
import {
  cluster,
  expectWellFormed,
  forbid,
  gpuDeviceClass,
  h100Node,
  nvidiaSlice,
  run,
  serveDraV1,
  workload,
} from '../__testUtils__/snapshots';

describe('gpu_sharing', () => {
  it('passes with MIG mixed-strategy resources in allocatable', () => {
    const s = cluster(35);
    s.nodes.push(
      h100Node('a100-mig-1', {
        labels: {
          'nvidia.com/mig.strategy': 'mixed',
          'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        },
        allocatable: {
          'nvidia.com/gpu': '0',
          'nvidia.com/mig-1g.10gb': '14',
          'nvidia.com/mig-3g.40gb': '4',
        },
      }),
    );
    const e = run(gpuSharingCheck, s);
    expect(e.verdict).toBe('pass');
    expect(e.evidence[0].summary).toBe(
      'MIG partitions schedulable: nvidia.com/mig-1g.10gb (14), nvidia.com/mig-3g.40gb (4) on a100-mig-1',
    );
    expectWellFormed(e);
  });

  it('passes with time-slicing (allocatable above gpu.count)', () => {
    const s = cluster(35);
    s.nodes.push(
      h100Node('ts-1', {
        labels: {
          'nvidia.com/gpu.replicas': '4',
          'nvidia.com/gpu.sharing-strategy': 'time-slicing',
          'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB-SHARED',
        },
        allocatable: { 'nvidia.com/gpu': '32' },
      }),
    );
    const e = run(gpuSharingCheck, s);
    expect(e.verdict).toBe('pass');
    expect(
      e.evidence.some(
        i =>
          i.summary ===
          'Time-slicing: allocatable GPUs above the physical count on ts-1 (nvidia.com/gpu 32 > gpu.count 8)',
      ),
    ).toBe(true);
  });

  it('passes with MIG devices published by the DRA driver', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('gpu-1'));
    s.dra.deviceClasses.push(gpuDeviceClass('mig.nvidia.com'));
    s.dra.resourceSlices.push(nvidiaSlice('gpu-1', 7, { mig: true }));
    expect(run(gpuSharingCheck, s).verdict).toBe('pass');
  });

  it('is partial with only mig.capable and mig.strategy labels and a mig DeviceClass without devices', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('gpu-h100-01'));
    s.dra.deviceClasses.push(gpuDeviceClass('mig.nvidia.com'));
    workload(s, 'DaemonSet', 'gpu-operator', 'nvidia-mig-manager');
    const e = run(gpuSharingCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.evidence.map(i => i.strength)).toEqual([
      'medium',
      'medium',
      'hint',
      'hint',
    ]);
  });

  it('fails with no sharing signal at all', () => {
    const s = cluster(35);
    const node = h100Node('gpu-1');
    delete node.labels['nvidia.com/mig.capable'];
    delete node.labels['nvidia.com/mig.strategy'];
    s.nodes.push(node);
    const e = run(gpuSharingCheck, s);
    expect(e.verdict).toBe('fail');
  });

  it('is not applicable without accelerators', () => {
    expect(run(gpuSharingCheck, cluster(35)).verdict).toBe('not-applicable');
  });

  it('is unknown when only labels are readable and the DRA slices are not', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    expect(run(gpuSharingCheck, forbid(s, 'draResourceSlices')).verdict).toBe(
      'unknown',
    );
  });
});
