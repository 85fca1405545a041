import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  AutoscalingInfo,
  EvidenceItem,
} from '@ai-platform/plugin-ai-platform-common';
import { AcceleratorNode, detectAccelerators } from './accelerators';
import {
  crdNamed,
  describeWorkload,
  evidence,
  isReadable,
  isRunning,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

type NodeGroup = NonNullable<
  AutoscalingInfo['clusterAutoscalerStatus']
>['nodeGroups'][number];

const ACCELERATOR_NAME =
  /gpu|accelerat|tpu|nvidia|amd|h100|h200|a100|a10g|l40|mi300|b200|gb200|gaudi|inferentia|trainium/i;

/**
 * A node group is an accelerator group when its name says so, or when an
 * accelerator node carries a label whose value is the group name (EKS
 * nodegroup, GKE node pool, AKS agent pool labels all work that way).
 */
function isAcceleratorGroup(group: NodeGroup, gpuNodes: AcceleratorNode[]) {
  // Only the group's own name: `gpu-h100-dp` of kOps' `gpu-h100-dp.<cluster>`,
  // the last segment of a cloud URL; the cluster name may mention GPUs too.
  const own = group.name.split('/').pop()!.split('.')[0];
  if (ACCELERATOR_NAME.test(own)) return true;
  return gpuNodes.some(n =>
    Object.values(n.node?.labels ?? {}).some(
      v =>
        v.length >= 3 &&
        (v === group.name || group.name.split(/[/.]/).includes(v)),
    ),
  );
}

function describeGroup(g: NodeGroup): string {
  const size = g.registered ?? g.ready;
  return `${g.name} (${size ?? '?'} registered, min ${g.minSize ?? '?'}, max ${
    g.maxSize ?? '?'
  })`;
}

function canGrow(g: NodeGroup): boolean {
  const size = g.registered ?? g.ready ?? 0;
  return g.maxSize !== undefined && g.maxSize > size;
}

const CANNOT_PROVE =
  'Scaling an accelerator node group up for pending GPU pods and back down needs the active test (TestAcceleratorClusterAutoscaling).';

/**
 * KAR-0055, conditional on an autoscaler. Pass: the Cluster Autoscaler
 * status lists an accelerator node group that can grow, or Karpenter has a
 * ready GPU NodePool. Partial: an autoscaler without room or without an
 * accelerator group, or only medium signs (a cluster-autoscaler Deployment
 * without status, the ProvisioningRequest CRD). Not applicable: no
 * autoscaler seen (a managed one hidden from the API would not show).
 */
export const clusterAutoscalingCheck: ConformanceCheck = {
  requirementId: 'cluster_autoscaling',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const strong: EvidenceItem[] = [];
    const medium: EvidenceItem[] = [];
    const gaps: string[] = [];
    let grows = false;
    let autoscaler = false;
    let acceleratorGroups = 0;

    const status = s.autoscaling.clusterAutoscalerStatus;
    if (status) {
      autoscaler = true;
      const groups = status.nodeGroups.filter(g =>
        isAcceleratorGroup(g, presence.nodes),
      );
      acceleratorGroups += groups.length;
      strong.push(
        evidence(
          'strong',
          true,
          `ConfigMap kube-system/cluster-autoscaler-status${
            status.health ? ` (health ${status.health})` : ''
          } lists ${status.nodeGroups.length} node group(s)`,
          ref('v1', 'ConfigMap', 'cluster-autoscaler-status', 'kube-system'),
        ),
      );
      for (const g of groups) {
        strong.push(
          evidence(
            'strong',
            canGrow(g),
            `Accelerator node group ${describeGroup(g)}${
              canGrow(g) ? ' can grow' : ' is at its maximum'
            }`,
          ),
        );
      }
      if (groups.some(canGrow)) grows = true;
      else if (groups.length)
        gaps.push('every accelerator node group is at its maximum size');
      else
        gaps.push('the Cluster Autoscaler manages no accelerator node group');
      if (status.health && /unhealthy/i.test(status.health)) {
        grows = false;
        gaps.push(`the Cluster Autoscaler reports ${status.health}`);
      }
    }
    const pools = s.autoscaling.karpenterNodePools;
    if (pools.length) {
      autoscaler = true;
      for (const p of pools) {
        strong.push(
          evidence(
            'strong',
            p.gpu && p.ready !== false,
            `Karpenter NodePool ${p.name}${
              p.gpu ? ' launches accelerator nodes' : ' (no accelerators)'
            }, Ready=${String(p.ready)}`,
            ref('karpenter.sh/v1', 'NodePool', p.name),
          ),
        );
      }
      acceleratorGroups += pools.filter(p => p.gpu).length;
      if (pools.some(p => p.gpu && p.ready !== false)) grows = true;
      else gaps.push('no ready Karpenter NodePool launches accelerator nodes');
    }
    for (const d of s.workloads.deployments.filter(
      w =>
        w.namespace === 'kube-system' && w.name.includes('cluster-autoscaler'),
    )) {
      autoscaler = true;
      medium.push(
        evidence('medium', isRunning(d), describeWorkload(d), workloadRef(d)),
      );
    }
    const provisioning = crdNamed(
      s,
      'provisioningrequests.autoscaling.x-k8s.io',
    );
    if (provisioning) {
      autoscaler = true;
      medium.push(
        evidence(
          'medium',
          true,
          'CRD provisioningrequests.autoscaling.x-k8s.io',
          ref(
            'apiextensions.k8s.io/v1',
            'CustomResourceDefinition',
            provisioning.name,
          ),
        ),
      );
    }

    if (grows) {
      const growing = [
        ...(status?.nodeGroups ?? [])
          .filter(g => isAcceleratorGroup(g, presence.nodes) && canGrow(g))
          .map(g => `node group ${describeGroup(g)}`),
        ...pools
          .filter(p => p.gpu && p.ready !== false)
          .map(p => `Karpenter NodePool ${p.name}`),
      ];
      return result(
        'pass',
        `An autoscaler can add accelerator nodes: ${growing.join(', ')}`,
        [...strong, ...medium],
        { cannotProve: CANNOT_PROVE },
      );
    }
    const needed = [
      'configMaps',
      'karpenterNodePools',
      'deployments',
      'crds',
    ] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(
        s,
        [...needed],
        [...strong, ...medium],
        'the autoscaler evidence',
      );
    }
    if (!autoscaler) {
      return result(
        'not-applicable',
        `Not applicable: no autoscaler found (no kube-system/cluster-autoscaler-status ConfigMap, no cluster-autoscaler Deployment, no Karpenter NodePools, no ProvisioningRequest CRD)${
          presence.state === 'absent' ? ' and no accelerators' : ''
        }; a managed autoscaler hidden from the API would not show here`,
        [evidence('medium', false, 'No autoscaler visible through the API')],
      );
    }
    if (presence.state === 'absent' && acceleratorGroups === 0) {
      return result(
        'not-applicable',
        'Not applicable: an autoscaler exists but the cluster has no accelerators and no accelerator node group',
        [...strong, ...medium],
      );
    }
    return result(
      'partial',
      gaps.length
        ? `An autoscaler exists but ${gaps.join('; ')}`
        : 'Only signs of an autoscaler (Deployment or ProvisioningRequest CRD) without its status or accelerator node groups',
      [...strong, ...medium],
      { cannotProve: CANNOT_PROVE },
    );
  },
};
