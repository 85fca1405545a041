import { clusterAutoscalingCheck } from './cluster_autoscaling';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  h100Node,
  run,
  workload,
} from '../__testUtils__/snapshots';

/** A cluster with the Cluster Autoscaler and one GPU node group of 3 H100 nodes. */
function fixture(options: { max: number; groupName?: string }) {
  const s = cluster(35);
  s.nodes.push(
    h100Node('gpu-h100-01'),
    h100Node('gpu-h100-02'),
    h100Node('gpu-h100-03'),
  );
  const name = options.groupName ?? 'gpu-h100-dp.h100-prod.example.com';
  s.autoscaling.clusterAutoscalerStatus = {
    text: 'autoscalerStatus: Running',
    health: 'Healthy',
    nodeGroups: [
      { name, minSize: 2, maxSize: options.max, ready: 3, registered: 3 },
    ],
  };
  workload(s, 'Deployment', 'kube-system', 'cluster-autoscaler');
  return s;
}

describe('cluster_autoscaling', () => {
  it('passes when the Cluster Autoscaler status lists a GPU node group that can grow', () => {
    const e = run(clusterAutoscalingCheck, fixture({ max: 6 }));
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe(
      'An autoscaler can add accelerator nodes: node group gpu-h100-dp.h100-prod.example.com (3 registered, min 2, max 6)',
    );
    expectWellFormed(e);
  });

  it('passes with a ready Karpenter NodePool that launches GPU nodes', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    s.autoscaling.karpenterNodePools.push({
      name: 'gpu',
      gpu: true,
      limits: { 'nvidia.com/gpu': '64' },
      ready: true,
    });
    expect(run(clusterAutoscalingCheck, s).verdict).toBe('pass');
  });

  it('is partial when every GPU node group is at its maximum', () => {
    const e = run(clusterAutoscalingCheck, fixture({ max: 3 }));
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'An autoscaler exists but every accelerator node group is at its maximum size',
    );
  });

  it('is partial when the autoscaler manages no accelerator node group', () => {
    const e = run(
      clusterAutoscalingCheck,
      fixture({ max: 6, groupName: 'system.h100-prod.example.com' }),
    );
    expect(e.verdict).toBe('partial');
    expect(e.reason).toMatch(/manages no accelerator node group/);
  });

  it('finds the GPU group through the node pool label of GPU nodes', () => {
    const s = fixture({ max: 6, groupName: 'ng-large' });
    s.nodes[1].labels['eks.amazonaws.com/nodegroup'] = 'ng-large';
    expect(run(clusterAutoscalingCheck, s).verdict).toBe('pass');
  });

  it('is partial with only a cluster-autoscaler Deployment', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    workload(s, 'Deployment', 'kube-system', 'cluster-autoscaler');
    expect(run(clusterAutoscalingCheck, s).verdict).toBe('partial');
  });

  it('is partial with only the ProvisioningRequest CRD', () => {
    const s = crd(
      cluster(35),
      'provisioningrequests',
      'autoscaling.x-k8s.io',
      'ProvisioningRequest',
      { versions: ['v1'] },
    );
    s.nodes.push(h100Node('gpu-1'));
    expect(run(clusterAutoscalingCheck, s).verdict).toBe('partial');
  });

  it('is not applicable when no autoscaler is visible', () => {
    const s = cluster(34);
    s.nodes.push(h100Node('gpu-1'));
    const e = run(clusterAutoscalingCheck, s, '1.34');
    expect(e.verdict).toBe('not-applicable');
    expect(e.reason).toMatch(
      /^Not applicable: no autoscaler found .*hidden from the API would not show here$/,
    );
  });

  it('is not applicable when an autoscaler exists but there are no accelerators or accelerator node groups', () => {
    const s = cluster(35);
    s.autoscaling.clusterAutoscalerStatus = {
      text: 'autoscalerStatus: Running',
      nodeGroups: [
        {
          name: 'general.prod.example.com',
          minSize: 1,
          maxSize: 10,
          registered: 2,
        },
      ],
    };
    const e = run(clusterAutoscalingCheck, s);
    expect(e.verdict).toBe('not-applicable');
    expect(e.reason).toBe(
      'Not applicable: an autoscaler exists but the cluster has no accelerators and no accelerator node group',
    );
  });

  it('is unknown when the ConfigMaps cannot be read and no autoscaler is seen', () => {
    const e = run(
      clusterAutoscalingCheck,
      forbid(cluster(35), 'configMaps', 'configmaps'),
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/configMaps \(forbidden 403/);
  });
});
