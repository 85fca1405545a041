import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import { nodeRef } from './accelerators';
import {
  allWorkloads,
  crdsOfGroup,
  describeWorkload,
  draPools,
  evidence,
  isReadable,
  isRunning,
  joinNames,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

/** DRANET and the AWS network DRA driver. */
const NETWORK_DRIVERS = ['dra.net', 'dra.networking.k8s.aws'];

/** Extended resources of RDMA-capable or SR-IOV NICs. */
function isFastNicResource(name: string): boolean {
  return (
    name.startsWith('rdma/') ||
    name === 'vpc.amazonaws.com/efa' ||
    /rdma|sriov|hostdev/i.test(name.slice(name.indexOf('/') + 1))
  );
}

/**
 * KAR-0010. Pass: a network DRA driver (DRANET) publishes NIC devices.
 * Partial: secondary-network or RDMA mechanisms without DRA (Multus, SR-IOV
 * or NVIDIA Network Operator, RDMA/EFA extended resources). Fail: none; the
 * requirement applies where fast pod-to-pod links are needed, which the API
 * cannot tell, so the reason says so.
 */
export const highPerformanceNetworkingCheck: ConformanceCheck = {
  requirementId: 'high_performance_networking',
  evaluate(s) {
    const strong: EvidenceItem[] = [];
    const medium: EvidenceItem[] = [];

    const netPools = draPools(s).filter(
      p =>
        NETWORK_DRIVERS.includes(p.driver) ||
        p.slices.some(sl =>
          sl.devices.some(d =>
            Object.keys(d.attributes).some(k => k.startsWith('dra.net/')),
          ),
        ),
    );
    for (const pool of netPools) {
      strong.push(
        evidence(
          'strong',
          true,
          `Network DRA driver ${pool.driver} publishes ${pool.devices} device(s) in pool ${pool.name}`,
          ref('resource.k8s.io/v1', 'ResourceSlice', pool.slices[0].name),
        ),
      );
    }
    const dranet = s.dra.deviceClasses.find(dc => dc.name === 'dranet');
    if (dranet && netPools.length) {
      strong.push(
        evidence(
          'strong',
          true,
          'DeviceClass dranet',
          ref('resource.k8s.io/v1', 'DeviceClass', dranet.name),
        ),
      );
    }

    for (const crd of crdsOfGroup(s, 'k8s.cni.cncf.io')) {
      medium.push(
        evidence(
          'medium',
          true,
          `Multus CRD ${crd.name}`,
          ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd.name),
        ),
      );
    }
    for (const w of allWorkloads(s).filter(
      x =>
        /sriov-network-operator|network-operator|multus/.test(x.name) &&
        isRunning(x),
    )) {
      medium.push(
        evidence('medium', true, describeWorkload(w), workloadRef(w)),
      );
    }
    const nicNodes = new Map<string, string[]>();
    for (const node of s.nodes) {
      for (const [key, value] of Object.entries(node.allocatable)) {
        if (isFastNicResource(key) && Number(value) > 0) {
          nicNodes.set(key, [...(nicNodes.get(key) ?? []), node.name]);
        }
      }
    }
    for (const [resource, nodes] of nicNodes) {
      medium.push(
        evidence(
          'medium',
          true,
          `Extended resource ${resource} on ${
            nodes.length
          } node(s) (${joinNames(nodes, 3)})`,
          nodeRef(nodes[0]),
        ),
      );
    }

    const cannotProve =
      'An extra interface in a pod, its placement and traffic over it need an active test.';
    if (strong.length) {
      return result(
        'pass',
        `Network devices are managed through DRA (${[
          ...new Set(netPools.map(p => p.driver)),
        ].join(', ')})`,
        [...strong, ...medium],
        { cannotProve },
      );
    }
    const needed = [
      'draResourceSlices',
      'nodes',
      'crds',
      'deployments',
      'daemonSets',
    ] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(s, [...needed], medium, 'the network evidence');
    }
    if (medium.length) {
      return result(
        'partial',
        'Fast or secondary networks are available without DRA (the KAR asks for DRA-managed network devices)',
        medium,
        { cannotProve },
      );
    }
    return result(
      'fail',
      'No network DRA driver, Multus, SR-IOV or RDMA resources (needed only where workloads need fast pod-to-pod links)',
      [],
    );
  },
};
