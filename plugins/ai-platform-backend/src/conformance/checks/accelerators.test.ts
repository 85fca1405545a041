import { detectAccelerators } from './accelerators';
import {
  cluster,
  forbid,
  h100Node,
  nvidiaSlice,
  serveDraV1,
} from '../__testUtils__/snapshots';

describe('detectAccelerators', () => {
  it('finds device-plugin GPUs and says where', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    const p = detectAccelerators(s);
    expect(p.state).toBe('present');
    expect(p.nodes.map(n => [n.name, n.resources])).toEqual([
      ['gpu-1', { 'nvidia.com/gpu': 8 }],
    ]);
    expect(p.reason).toBe(
      '1 accelerator node (gpu-1): extended resources nvidia.com/gpu',
    );
  });

  it('finds DRA-only GPUs even when nodes cannot be read', () => {
    const s = forbid(serveDraV1(cluster(35)), 'nodes');
    s.nodes = [];
    s.dra.resourceSlices.push(nvidiaSlice('dra-h200-01'));
    const p = detectAccelerators(s);
    expect(p.state).toBe('present');
    expect(p.nodes[0]).toMatchObject({
      name: 'dra-h200-01',
      draDevices: 8,
      draDrivers: ['gpu.nvidia.com'],
    });
  });

  it('is unknown when nodes cannot be read and nothing else shows accelerators', () => {
    const s = forbid(cluster(35), 'nodes');
    s.nodes = [];
    expect(detectAccelerators(s).state).toBe('unknown');
  });

  it('is absent when everything was read and there is none', () => {
    const s = cluster(35);
    s.nodes[0].allocatable['vpc.amazonaws.com/efa'] = '32';
    expect(detectAccelerators(s).state).toBe('absent');
  });

  it('counts labelled GPU nodes whose device plugin is not running', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1', { allocatable: { 'nvidia.com/gpu': '0' } }));
    const p = detectAccelerators(s);
    expect(p.state).toBe('present');
    expect(p.nodes[0].resources).toEqual({});
    expect(p.nodes[0].markers).toContain('nvidia.com/gpu.present=true');
  });
});
