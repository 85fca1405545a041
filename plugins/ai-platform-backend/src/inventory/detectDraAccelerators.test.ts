import { DraDeviceSummary } from '@ai-platform/plugin-ai-platform-common';
import { detectDraAccelerators } from './detectDraAccelerators';
import { collectCompleteDraPools, allocatedDraDeviceKeys } from './draPools';
import { claim, h100DraDevice, slice } from './testFixtures';

function migDevice(
  parent: number,
  profile: string,
  placement: number,
  memory: string,
  extra: Partial<DraDeviceSummary> = {},
): DraDeviceSummary {
  return {
    name: `gpu-${parent}-mig-${profile.replace('.', '')}-9-${placement}`,
    attributes: {
      type: 'mig',
      uuid: `MIG-${parent}-${placement}`,
      parentUUID: `GPU-a100-${parent}`,
      profile,
      productName: 'NVIDIA A100-SXM4-80GB',
      driverVersion: '570.133.20',
      cudaDriverVersion: '12.8.0',
    },
    capacity: { memory, multiprocessors: '42' },
    ...extra,
  };
}

describe('detectDraAccelerators', () => {
  it('turns whole-GPU devices into a dra:<driver> group with claim allocation', () => {
    const census = collectCompleteDraPools([
      slice(
        'gpu-dra-01',
        Array.from({ length: 8 }, (_, i) => h100DraDevice(i, 'gpu-dra-01')),
      ),
    ]);
    const allocated = allocatedDraDeviceKeys([
      claim('llm', 'vllm-gpu', [
        { pool: 'gpu-dra-01', device: 'gpu-0' },
        { pool: 'gpu-dra-01', device: 'gpu-1' },
      ]),
    ]);
    const [nvidia] = detectDraAccelerators(census.devices, allocated);
    expect(nvidia).toEqual({
      vendor: 'nvidia',
      physical: [
        {
          vendor: 'nvidia',
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryMiB: 81559,
          count: 8,
        },
      ],
      groups: [
        {
          resourceName: 'dra:gpu.nvidia.com',
          kind: 'whole',
          dra: true,
          vendor: 'nvidia',
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryMiB: 81559,
          profile: undefined,
          allocatable: 8,
          physicalGpus: 8,
          allocated: 2,
        },
      ],
      allocatedPhysical: 2,
      driverVersion: '570.133.20',
      cudaVersion: '12.8.0',
    });
  });

  it('static MIG devices are units per profile; their parents are the physical GPUs', () => {
    const devices = [
      migDevice(0, '3g.40gb', 0, '40192Mi'),
      migDevice(0, '3g.40gb', 4, '40192Mi'),
      migDevice(1, '3g.40gb', 0, '40192Mi'),
      migDevice(1, '1g.10gb', 4, '9728Mi'),
    ];
    const census = collectCompleteDraPools([slice('gpu-a100-dra', devices)]);
    const allocated = allocatedDraDeviceKeys([
      claim('ns', 'c', [{ pool: 'gpu-a100-dra', device: devices[1].name }]),
    ]);
    const [nvidia] = detectDraAccelerators(census.devices, allocated);
    expect(nvidia.physical).toEqual([
      {
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        memoryMiB: 81920,
        count: 2,
      },
    ]);
    expect(
      nvidia.groups.map(g => [
        g.kind,
        g.profile,
        g.memoryMiB,
        g.allocatable,
        g.allocated,
        g.physicalGpus,
      ]),
    ).toEqual([
      ['mig', '3g.40gb', 40192, 3, 1, 2],
      ['mig', '1g.10gb', 9728, 1, 0, 1],
    ]);
  });

  it('partitionable devices (shared counters): only whole GPUs are units; a used partition takes its GPU', () => {
    const whole = (i: number) => ({
      ...h100DraDevice(i, 'n'),
      consumesCounters: true,
      attributes: {
        ...h100DraDevice(i, 'n').attributes,
        uuid: `GPU-a100-${i}`,
      },
    });
    const devices = [
      whole(0),
      whole(1),
      migDevice(0, '1g.10gb', 0, '9728Mi', { consumesCounters: true }),
    ];
    const census = collectCompleteDraPools([slice('n', devices)]);
    const allocated = allocatedDraDeviceKeys([
      claim('ns', 'c', [{ pool: 'n', device: devices[2].name }]),
    ]);
    const [nvidia] = detectDraAccelerators(census.devices, allocated);
    expect(nvidia.physical.reduce((s, p) => s + p.count, 0)).toBe(2);
    expect(
      nvidia.groups.map(g => [g.kind, g.allocatable, g.allocated]),
    ).toEqual([['whole', 2, 1]]);
  });

  it('leaves out devices that are not accelerators (ComputeDomain channels, VFIO passthrough)', () => {
    const census = collectCompleteDraPools([
      slice(
        'n',
        [{ name: 'channel-0', attributes: { type: 'channel' }, capacity: {} }],
        {},
        'a',
        'compute-domain.nvidia.com',
      ),
      slice(
        'n',
        [
          {
            name: 'gpu-vfio-0',
            attributes: { type: 'vfio', productName: 'NVIDIA H100' },
            capacity: {},
          },
        ],
        {},
        'b',
      ),
      slice(
        'n',
        [{ name: 'nic-0', attributes: {}, capacity: {} }],
        {},
        'c',
        'dra.net',
      ),
    ]);
    expect(detectDraAccelerators(census.devices, new Set())).toEqual([]);
  });

  it('counts typeless devices of accelerator drivers (gpu.amd.com) under their vendor', () => {
    const census = collectCompleteDraPools([
      slice(
        'amd-1',
        [
          {
            name: 'gpu-1-128',
            attributes: { productName: 'AMD Instinct MI300X' },
            capacity: { memory: '192Gi' },
          },
        ],
        {},
        'a',
        'gpu.amd.com',
      ),
    ]);
    const [amd] = detectDraAccelerators(census.devices, new Set());
    expect(amd.vendor).toBe('amd');
    expect(amd.groups[0]).toMatchObject({
      resourceName: 'dra:gpu.amd.com',
      product: 'AMD-Instinct-MI300X',
      memoryMiB: 196608,
    });
  });
});
