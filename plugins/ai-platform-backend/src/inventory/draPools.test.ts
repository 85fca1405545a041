import { allocatedDraDeviceKeys, collectCompleteDraPools } from './draPools';
import { claim, h100DraDevice, slice } from './testFixtures';

const devices = (nodeName: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) =>
    h100DraDevice(from + i, nodeName),
  );

describe('collectCompleteDraPools', () => {
  it('keeps devices of a complete pool, tagged with driver, pool and node', () => {
    const census = collectCompleteDraPools([
      slice('gpu-dra-01', devices('gpu-dra-01', 0, 8)),
    ]);
    expect(census.byDriver).toEqual({
      'gpu.nvidia.com': { pools: 1, completePools: 1, incompletePools: [] },
    });
    expect(census.devices).toHaveLength(8);
    expect(census.devices[0]).toMatchObject({
      name: 'gpu-0',
      driver: 'gpu.nvidia.com',
      pool: 'gpu-dra-01',
      nodeName: 'gpu-dra-01',
      key: 'gpu.nvidia.com/gpu-dra-01/gpu-0',
    });
  });

  it('needs every slice of the newest generation; an older complete generation is not a fallback', () => {
    const census = collectCompleteDraPools([
      slice(
        'gpu-dra-02',
        devices('gpu-dra-02', 0, 8),
        { generation: 1, resourceSliceCount: 1 },
        'old',
      ),
      slice(
        'gpu-dra-02',
        devices('gpu-dra-02', 0, 4),
        { generation: 2, resourceSliceCount: 2 },
        'a',
      ),
    ]);
    expect(census.byDriver['gpu.nvidia.com']).toEqual({
      pools: 1,
      completePools: 0,
      incompletePools: ['gpu-dra-02'],
    });
    expect(census.devices).toEqual([]);
  });

  it('ignores slices of older generations once the newest is complete', () => {
    const census = collectCompleteDraPools([
      slice(
        'gpu-dra-03',
        devices('gpu-dra-03', 0, 8),
        { generation: 1 },
        'old',
      ),
      slice(
        'gpu-dra-03',
        devices('gpu-dra-03', 0, 2),
        { generation: 2, resourceSliceCount: 2 },
        'a',
      ),
      slice(
        'gpu-dra-03',
        devices('gpu-dra-03', 2, 4),
        { generation: 2, resourceSliceCount: 2 },
        'b',
      ),
    ]);
    expect(census.byDriver['gpu.nvidia.com'].completePools).toBe(1);
    expect(census.devices.map(d => d.name)).toEqual([
      'gpu-0',
      'gpu-1',
      'gpu-2',
      'gpu-3',
    ]);
  });

  it('keeps pools of different drivers apart even with the same pool name', () => {
    const census = collectCompleteDraPools([
      slice('n1', devices('n1', 0, 1)),
      slice(
        'n1',
        [{ name: 'channel-0', attributes: { type: 'channel' }, capacity: {} }],
        {},
        'cd',
        'compute-domain.nvidia.com',
      ),
    ]);
    expect(Object.keys(census.byDriver).sort()).toEqual([
      'compute-domain.nvidia.com',
      'gpu.nvidia.com',
    ]);
    expect(census.devices).toHaveLength(2);
  });
});

describe('allocatedDraDeviceKeys', () => {
  it('counts each allocated device once and skips unallocated claims', () => {
    const keys = allocatedDraDeviceKeys([
      claim('ns', 'a', [
        { pool: 'n1', device: 'gpu-0' },
        { pool: 'n1', device: 'gpu-1' },
      ]),
      claim('ns', 'b-shares-gpu-1', [{ pool: 'n1', device: 'gpu-1' }]),
      claim('ns', 'pending', [{ pool: 'n1', device: 'gpu-5' }], false),
    ]);
    expect([...keys].sort()).toEqual([
      'gpu.nvidia.com/n1/gpu-0',
      'gpu.nvidia.com/n1/gpu-1',
    ]);
  });
});
