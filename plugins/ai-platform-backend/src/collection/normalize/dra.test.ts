import {
  flattenAttribute,
  normalizeDeviceClass,
  normalizeResourceClaim,
  normalizeResourceSlice,
} from './dra';
import { draClaim, draDeviceClass, draSlice } from '../__testUtils__/objects';

describe('DRA normalizers', () => {
  it('reads a DeviceClass selector and extended resource name', () => {
    expect(normalizeDeviceClass(draDeviceClass)).toEqual({
      name: 'gpu.nvidia.com',
      selectors: [
        "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
      ],
      extendedResourceName: 'nvidia.com/gpu',
    });
  });

  it('reads a v1 ResourceSlice with flattened attributes and capacity', () => {
    const slice = normalizeResourceSlice(draSlice('gpu-h100-04', 2));
    expect(slice).toMatchObject({
      name: 'gpu-h100-04-gpu.nvidia.com-x7k2p',
      driver: 'gpu.nvidia.com',
      nodeName: 'gpu-h100-04',
      pool: { name: 'gpu-h100-04', generation: 1, resourceSliceCount: 1 },
      hasSharedCounters: false,
    });
    expect(slice.devices[1]).toEqual({
      name: 'gpu-1',
      attributes: {
        type: 'gpu',
        uuid: 'GPU-4d5f0c1a-8e3b-2c7d-9f61-0a1b2c3d4e51',
        productName: 'NVIDIA H100 80GB HBM3',
        cudaComputeCapability: '9.0.0',
        driverVersion: '570.133.20',
        'resource.kubernetes.io/pcieRoot': 'pci0000:15',
        index: 1,
      },
      capacity: { memory: '81559Mi' },
    });
  });

  it('reads a v1beta1 slice (devices wrapped in basic) the same way', () => {
    const v1 = normalizeResourceSlice(draSlice('n1', 1));
    const beta = normalizeResourceSlice(
      draSlice('n1', 1, 'resource.k8s.io/v1beta1'),
    );
    expect(beta).toEqual(v1);
  });

  it('marks partitionable devices and shared counters', () => {
    const slice = normalizeResourceSlice({
      metadata: { name: 'gpu-0-counters' },
      spec: {
        driver: 'gpu.nvidia.com',
        allNodes: true,
        pool: { name: 'p', generation: 3, resourceSliceCount: 2 },
        sharedCounters: [
          {
            name: 'gpu-0-counter-set',
            counters: { memory: { value: '80Gi' } },
          },
        ],
        devices: [
          {
            name: 'gpu-0-mig-1g10gb-19-0',
            attributes: { type: { string: 'mig' } },
            consumesCounters: [
              { counterSet: 'gpu-0-counter-set', counters: {} },
            ],
          },
        ],
      },
    });
    expect(slice).toMatchObject({
      allNodes: true,
      hasSharedCounters: true,
      pool: { generation: 3, resourceSliceCount: 2 },
    });
    expect(slice.devices[0].consumesCounters).toBe(true);
    expect(slice.nodeName).toBeUndefined();
  });

  it('flattens every attribute form', () => {
    expect(flattenAttribute({ string: 'gpu' })).toBe('gpu');
    expect(flattenAttribute({ int: 3 })).toBe(3);
    expect(flattenAttribute({ bool: false })).toBe(false);
    expect(flattenAttribute({ version: '12.8.0' })).toBe('12.8.0');
    expect(flattenAttribute({ strings: ['a', 'b'] })).toBe('a,b');
    expect(flattenAttribute({})).toBeUndefined();
  });

  it('reads an allocated ResourceClaim and the node it is bound to', () => {
    expect(
      normalizeResourceClaim(
        draClaim('train', 'team-a', 'gpu-h100-04', 'gpu-3'),
      ),
    ).toEqual({
      namespace: 'team-a',
      name: 'train',
      allocated: true,
      results: [
        {
          request: 'gpu',
          driver: 'gpu.nvidia.com',
          pool: 'gpu-h100-04',
          device: 'gpu-3',
        },
      ],
      reservedFor: [{ resource: 'pods', name: 'train-pod' }],
      nodeName: 'gpu-h100-04',
    });
  });

  it('reads a pending claim as not allocated', () => {
    expect(
      normalizeResourceClaim({
        metadata: { name: 'pending', namespace: 'x' },
        spec: { devices: { requests: [] } },
      }),
    ).toEqual({
      namespace: 'x',
      name: 'pending',
      allocated: false,
      results: [],
      reservedFor: [],
    });
  });
});
