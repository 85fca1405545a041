import { virtualizedAcceleratorCheck } from './virtualized_accelerator';
import {
  cluster,
  expectWellFormed,
  forbid,
  h100Node,
  run,
  serveDraV1,
} from '../__testUtils__/snapshots';

describe('virtualized_accelerator', () => {
  it('is partial (as far as read-only goes) with vGPU labels', () => {
    const s = cluster(35);
    s.nodes.push(
      h100Node('vgpu-1', {
        labels: {
          'nvidia.com/vgpu.present': 'true',
          'nvidia.com/vgpu.host-driver-version': '550.90.05',
          'nvidia.com/vgpu.host-driver-branch': 'r550_00',
        },
      }),
    );
    const e = run(virtualizedAcceleratorCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBe(true);
    expect(e.cannotProve).toMatch(/vGPU pods run/);
    expectWellFormed(e);
  });

  it('is partial for a real gap with only a passthrough DeviceClass', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('gpu-1'));
    s.dra.deviceClasses.push({ name: 'vfio.gpu.nvidia.com', selectors: [] });
    const e = run(virtualizedAcceleratorCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBeUndefined();
  });

  it('is not applicable on bare-metal GPUs with no virtualization sign', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    const e = run(virtualizedAcceleratorCheck, s);
    expect(e.verdict).toBe('not-applicable');
    expect(e.reason).toMatch(/no virtualized accelerators/);
  });

  it('is not applicable without accelerators', () => {
    expect(run(virtualizedAcceleratorCheck, cluster(35)).reason).toMatch(
      /no accelerators at all/,
    );
  });

  it('is unknown when the DeviceClasses cannot be read and no vGPU label is seen', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    expect(
      run(virtualizedAcceleratorCheck, forbid(s, 'draDeviceClasses')).verdict,
    ).toBe('unknown');
  });
});
