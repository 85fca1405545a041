import { highPerformanceNetworkingCheck } from './high_performance_networking';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  h100Node,
  run,
  serveDraV1,
} from '../__testUtils__/snapshots';

describe('high_performance_networking', () => {
  it('passes with DRANET publishing RDMA NICs', () => {
    const s = serveDraV1(cluster(36));
    s.dra.deviceClasses.push({
      name: 'dranet',
      selectors: ["device.driver == 'dra.net'"],
    });
    s.dra.resourceSlices.push({
      name: 'gpu-1-dra.net-abcde',
      driver: 'dra.net',
      nodeName: 'gpu-1',
      pool: { name: 'gpu-1', generation: 1, resourceSliceCount: 1 },
      hasSharedCounters: false,
      devices: [
        {
          name: 'eth1',
          attributes: {
            'dra.net/rdma': true,
            'dra.net/ifName': 'eth1',
            'dra.net/pciAddress': '0000:8a:00.0',
          },
          capacity: {},
        },
      ],
    });
    const e = run(highPerformanceNetworkingCheck, s);
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe('Network devices are managed through DRA (dra.net)');
    expectWellFormed(e);
  });

  it('is partial with Multus and EFA extended resources but no DRA', () => {
    const s = crd(
      cluster(36),
      'network-attachment-definitions',
      'k8s.cni.cncf.io',
      'NetworkAttachmentDefinition',
    );
    s.nodes.push(
      h100Node('gpu-1', { allocatable: { 'vpc.amazonaws.com/efa': '32' } }),
    );
    const e = run(highPerformanceNetworkingCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.evidence.map(i => i.summary)).toContain(
      'Extended resource vpc.amazonaws.com/efa on 1 node(s) (gpu-1)',
    );
  });

  it('fails with no fast network at all', () => {
    const e = run(highPerformanceNetworkingCheck, cluster(36));
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(
      /needed only where workloads need fast pod-to-pod links/,
    );
  });

  it('is unknown when the ResourceSlices cannot be read', () => {
    expect(
      run(
        highPerformanceNetworkingCheck,
        forbid(cluster(36), 'draResourceSlices'),
      ).verdict,
    ).toBe('unknown');
  });
});
