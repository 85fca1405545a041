import { draSupportCheck } from './dra_support';
import {
  cluster,
  expectWellFormed,
  forbid,
  gpuDeviceClass,
  h100Node,
  nvidiaSlice,
  run,
  serve,
  serveDraV1,
} from '../__testUtils__/snapshots';

function withDraDriver() {
  const s = serveDraV1(cluster(35));
  s.nodes.push(h100Node('gpu-h100-04'), h100Node('gpu-h100-05'));
  s.dra.deviceClasses.push(gpuDeviceClass(), gpuDeviceClass('mig.nvidia.com'));
  s.dra.resourceSlices.push(
    nvidiaSlice('gpu-h100-04'),
    nvidiaSlice('gpu-h100-05'),
  );
  s.dra.resourceClaims.push({
    namespace: 'ml-research',
    name: 'shared-h100',
    allocated: true,
    results: [
      {
        request: 'gpu',
        driver: 'gpu.nvidia.com',
        pool: 'gpu-h100-04',
        device: 'gpu-0',
      },
    ],
    reservedFor: [{ resource: 'pods', name: 'jupyter-shared-0' }],
    nodeName: 'gpu-h100-04',
  });
  return s;
}

describe('dra_support', () => {
  it('passes with resource.k8s.io/v1 and a complete pool of the NVIDIA DRA driver on Ready nodes', () => {
    const e = run(draSupportCheck, withDraDriver(), '1.35');
    expect(e.verdict).toBe('pass');
    expect(e.reason).toMatch(/gpu.nvidia.com publishes 2 complete pools/);
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        strength: 'strong',
        object: {
          apiVersion: 'resource.k8s.io/v1',
          kind: 'DeviceClass',
          name: 'gpu.nvidia.com',
        },
      }),
    );
    expectWellFormed(e);
  });

  it('ignores an incomplete pool when another one is complete', () => {
    const s = withDraDriver();
    s.dra.resourceSlices.push(nvidiaSlice('gpu-h100-06', 4, { sliceCount: 2 }));
    const e = run(draSupportCheck, s, '1.35');
    expect(e.verdict).toBe('pass');
    expect(
      e.evidence.some(i =>
        /1 of 2 slices.*incomplete, ignored/.test(i.summary),
      ),
    ).toBe(true);
  });

  it('is partial when v1 is served but no DRA driver is installed', () => {
    const s = serveDraV1(cluster(34));
    s.nodes.push(h100Node('gpu-1'));
    const e = run(draSupportCheck, s, '1.34');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'resource.k8s.io/v1 is served but no DRA driver is installed: no DeviceClass, no ResourceSlice',
    );
  });

  it('is partial when DRA is only served at beta', () => {
    const s = serve(cluster(33), 'resource.k8s.io', ['v1beta1']);
    const e = run(draSupportCheck, s, '1.33');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toMatch(/only served at beta \(v1beta1\)/);
  });

  it('is partial when the only pool is incomplete', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('dra-h200-02'));
    s.dra.deviceClasses.push(gpuDeviceClass());
    s.dra.resourceSlices.push(nvidiaSlice('dra-h200-02', 4, { sliceCount: 2 }));
    expect(run(draSupportCheck, s, '1.35').verdict).toBe('partial');
  });

  it('is partial when the pool sits on a NotReady node', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('gpu-h100-04', { ready: false }));
    s.dra.deviceClasses.push(gpuDeviceClass());
    s.dra.resourceSlices.push(nvidiaSlice('gpu-h100-04'));
    const e = run(draSupportCheck, s, '1.35');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toMatch(
      /no pool is complete on a Ready, schedulable node/,
    );
  });

  it('counts only the newest generation of a pool', () => {
    const s = serveDraV1(cluster(35));
    s.nodes.push(h100Node('dra-h200-03'));
    s.dra.deviceClasses.push(gpuDeviceClass());
    s.dra.resourceSlices.push(
      nvidiaSlice('dra-h200-03', 8, { generation: 1, suffix: 'old' }),
      nvidiaSlice('dra-h200-03', 7, { generation: 2, suffix: 'new' }),
    );
    const e = run(draSupportCheck, s, '1.35');
    expect(e.verdict).toBe('pass');
    expect(
      e.evidence.some(i =>
        /generation 2\): 1 of 1 slices, 7 devices/.test(i.summary),
      ),
    ).toBe(true);
  });

  it('fails when resource.k8s.io is not served at all', () => {
    const e = run(draSupportCheck, cluster(33), '1.33');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toBe(
      'resource.k8s.io is not served: the cluster offers no DRA API',
    );
  });

  it('is unknown when discovery could not be read', () => {
    const e = run(
      draSupportCheck,
      forbid(withDraDriver(), 'discovery', '/apis'),
      '1.35',
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(
      /^Could not read API discovery: discovery \(forbidden 403: \/apis is forbidden/,
    );
  });

  it('is unknown when v1 is served but the ResourceSlices could not be read', () => {
    const e = run(
      draSupportCheck,
      forbid(withDraDriver(), 'draResourceSlices', 'resourceslices'),
      '1.35',
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/draResourceSlices \(forbidden 403/);
  });
});
