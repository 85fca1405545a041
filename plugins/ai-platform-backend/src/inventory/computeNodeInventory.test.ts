import { computeNodeInventory, isGpuNode } from './computeNodeInventory';
import { allocatedDraDeviceKeys, collectCompleteDraPools } from './draPools';
import {
  claim,
  h100DevicePluginNode,
  h100DraDevice,
  h100DraNode,
  node,
  slice,
} from './testFixtures';

function draContext(
  nodeName: string,
  allocated: string[] = [],
  podRequests: Record<string, number> = {},
) {
  const census = collectCompleteDraPools([
    slice(
      nodeName,
      Array.from({ length: 8 }, (_, i) => h100DraDevice(i, nodeName)),
    ),
  ]);
  return {
    cluster: 'c',
    draDevices: census.devices,
    allocatedDraKeys: allocatedDraDeviceKeys(
      allocated.length
        ? [
            claim(
              'ns',
              'x',
              allocated.map(device => ({ pool: nodeName, device })),
            ),
          ]
        : [],
    ),
    podRequests,
  };
}

describe('computeNodeInventory', () => {
  it('DRA only: pods asking for nvidia.com/gpu there are served through claims, not counted twice', () => {
    // With DRAExtendedResource the scheduler backs the request with a claim; the claim is what counts.
    const inv = computeNodeInventory(
      h100DraNode('gpu-dra-01'),
      draContext('gpu-dra-01', ['gpu-0', 'gpu-1'], { 'nvidia.com/gpu': 2 }),
    );
    expect(inv).toMatchObject({
      physical: 8,
      allocatable: 8,
      allocated: 2,
      free: 6,
    });
    expect(inv.units.map(u => u.resourceName)).toEqual(['dra:gpu.nvidia.com']);
  });

  it('device plugin switched off by the operator label: DRA devices are the units even if allocatable lingers', () => {
    const n = h100DevicePluginNode('gpu-moving', {
      labels: { 'nvidia.com/gpu.deploy.device-plugin': 'false' },
    });
    const inv = computeNodeInventory(n, draContext('gpu-moving', ['gpu-3']));
    expect(inv).toMatchObject({ physical: 8, allocatable: 8, allocated: 1 });
    expect(inv.units.map(u => [u.resourceName, u.dra])).toEqual([
      ['dra:gpu.nvidia.com', true],
    ]);
  });

  it('both paths on one node: boards counted once, units from the device plugin, claimed GPUs count as used', () => {
    const inv = computeNodeInventory(
      h100DevicePluginNode('gpu-both'),
      draContext('gpu-both', ['gpu-0'], { 'nvidia.com/gpu': 3 }),
    );
    expect(inv).toMatchObject({
      physical: 8,
      allocatable: 8,
      allocated: 4,
      free: 4,
    });
    expect(inv.units.map(u => u.resourceName)).toEqual(['nvidia.com/gpu']);
    expect(inv.draDevices).toHaveLength(8);
  });

  it('never reports negative free units when pods hold more than is allocatable', () => {
    const inv = computeNodeInventory(h100DevicePluginNode('over'), {
      cluster: 'c',
      draDevices: [],
      allocatedDraKeys: new Set(),
      podRequests: { 'nvidia.com/gpu': 10 },
    });
    expect(inv).toMatchObject({ allocatable: 8, allocated: 10, free: 0 });
  });
});

describe('isGpuNode', () => {
  it('counts a node with GPU presence labels as a GPU node even when nothing is countable', () => {
    const inv = computeNodeInventory(h100DraNode('gpu-dra-02'), {
      cluster: 'c',
      draDevices: [],
      allocatedDraKeys: new Set(),
      podRequests: {},
    });
    expect(inv).toMatchObject({
      vendor: 'nvidia',
      physical: 0,
      allocatable: 0,
    });
    expect(isGpuNode(inv)).toBe(true);
    const cpu = computeNodeInventory(
      node('cpu-1', {
        labels: { 'feature.node.kubernetes.io/pci-8086.present': 'true' },
      }),
      {
        cluster: 'c',
        draDevices: [],
        allocatedDraKeys: new Set(),
        podRequests: {},
      },
    );
    expect(isGpuNode(cpu)).toBe(false);
  });
});
