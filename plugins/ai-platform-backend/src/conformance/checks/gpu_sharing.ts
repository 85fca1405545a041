import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  detectAccelerators,
  nodeRef,
  requireAccelerators,
} from './accelerators';
import {
  describeWorkload,
  draPools,
  evidence,
  isReadable,
  joinNames,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

const SHARING_DAEMONSETS = [
  'nvidia-mig-manager',
  'nvidia-device-plugin-mps-control-daemon',
];

/** Medium label signals, with the values that count. */
const SHARING_LABELS: { key: string; counts: (v: string) => boolean }[] = [
  {
    key: 'nvidia.com/gpu.sharing-strategy',
    counts: v => v === 'time-slicing' || v === 'mps',
  },
  { key: 'nvidia.com/gpu.replicas', counts: v => Number(v) > 1 },
  { key: 'nvidia.com/mig.strategy', counts: v => v !== '' && v !== 'none' },
  { key: 'nvidia.com/mig.capable', counts: v => v === 'true' },
  { key: 'nvidia.com/mps.capable', counts: v => v === 'true' },
  { key: 'nvidia.com/gpu.product', counts: v => v.endsWith('-SHARED') },
  { key: 'cloud.google.com/gke-gpu-sharing-strategy', counts: v => v !== '' },
  {
    key: 'cloud.google.com/gke-max-shared-clients-per-gpu',
    counts: v => Number(v) > 1,
  },
  { key: 'cloud.google.com/gke-gpu-partition-size', counts: v => v !== '' },
];

/**
 * KAR-0003. Pass: shared units are schedulable (allocatable MIG resources,
 * MIG devices or shared counters in DRA, allocatable GPUs above the physical
 * count). Partial: only labels saying the hardware or plugin could share.
 * Fail: nothing. N/A without accelerators.
 */
export const gpuSharingCheck: ConformanceCheck = {
  requirementId: 'gpu_sharing',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const skip = requireAccelerators(s, presence);
    if (skip) return skip;

    const strong: EvidenceItem[] = [];
    const medium: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];

    const migTotals = new Map<string, number>();
    const migNodes = new Set<string>();
    const timeSliced: string[] = [];
    for (const node of s.nodes) {
      for (const [key, value] of Object.entries(node.allocatable)) {
        if (key.startsWith('nvidia.com/mig-') && Number(value) > 0) {
          migTotals.set(key, (migTotals.get(key) ?? 0) + Number(value));
          migNodes.add(node.name);
        }
      }
      const allocatable = Number(node.allocatable['nvidia.com/gpu'] ?? 0);
      const physical = Number(node.labels['nvidia.com/gpu.count'] ?? NaN);
      const shared = Number(node.allocatable['nvidia.com/gpu.shared'] ?? 0);
      const product = node.labels['nvidia.com/gpu.product'] ?? '';
      if (/-MIG-/.test(product) && allocatable > 0) {
        // MIG "single" strategy: the partitions are advertised as nvidia.com/gpu.
        migTotals.set(
          `nvidia.com/gpu (${product})`,
          (migTotals.get(`nvidia.com/gpu (${product})`) ?? 0) + allocatable,
        );
        migNodes.add(node.name);
      } else if (
        (Number.isFinite(physical) && allocatable > physical) ||
        shared > 0
      ) {
        timeSliced.push(
          shared > 0
            ? `${node.name} (nvidia.com/gpu.shared ${shared})`
            : `${node.name} (nvidia.com/gpu ${allocatable} > gpu.count ${physical})`,
        );
      }
    }
    if (migTotals.size) {
      strong.push(
        evidence(
          'strong',
          true,
          `MIG partitions schedulable: ${[...migTotals]
            .sort()
            .map(([k, v]) => `${k} (${v})`)
            .join(', ')} on ${joinNames([...migNodes].sort(), 3)}`,
          nodeRef([...migNodes].sort()[0]),
        ),
      );
    }
    if (timeSliced.length) {
      strong.push(
        evidence(
          'strong',
          true,
          `Time-slicing: allocatable GPUs above the physical count on ${joinNames(
            timeSliced,
            3,
          )}`,
          nodeRef(timeSliced[0].split(' ')[0]),
        ),
      );
    }

    const pools = draPools(s).filter(p => p.complete);
    const migDevices = pools.flatMap(p =>
      p.slices.flatMap(sl =>
        sl.devices.filter(d => d.attributes.type === 'mig'),
      ),
    );
    const migClass = s.dra.deviceClasses.find(
      dc => dc.name === 'mig.nvidia.com',
    );
    if (migClass && migDevices.length) {
      strong.push(
        evidence(
          'strong',
          true,
          `DeviceClass mig.nvidia.com with ${migDevices.length} MIG devices in ResourceSlices`,
          ref('resource.k8s.io/v1', 'DeviceClass', migClass.name),
        ),
      );
    } else if (migClass) {
      hints.push(
        evidence(
          'hint',
          true,
          'DeviceClass mig.nvidia.com exists but no ResourceSlice publishes MIG devices',
          ref('resource.k8s.io/v1', 'DeviceClass', migClass.name),
        ),
      );
    }
    const partitionable = s.dra.resourceSlices.filter(
      sl => sl.hasSharedCounters,
    );
    if (partitionable.length) {
      strong.push(
        evidence(
          'strong',
          true,
          `${partitionable.length} ResourceSlice(s) publish sharedCounters (partitionable devices)`,
          ref('resource.k8s.io/v1', 'ResourceSlice', partitionable[0].name),
        ),
      );
    }

    for (const label of SHARING_LABELS) {
      const nodes = presence.nodes.filter(n => {
        const v = n.node?.labels[label.key];
        return v !== undefined && label.counts(v);
      });
      if (!nodes.length) continue;
      const values = [...new Set(nodes.map(n => n.node!.labels[label.key]))];
      medium.push(
        evidence(
          'medium',
          true,
          `Label ${label.key}=${values.join('|')} on ${nodes.length} of ${
            presence.nodes.length
          } accelerator nodes`,
          nodeRef(nodes[0].name),
        ),
      );
    }
    for (const ds of s.workloads.daemonSets.filter(d =>
      SHARING_DAEMONSETS.includes(d.name),
    )) {
      hints.push(evidence('hint', true, describeWorkload(ds), workloadRef(ds)));
    }

    const cannotProve =
      'That several pods actually run on one physical GPU needs an active test.';
    if (strong.length) {
      return result(
        'pass',
        `Shared GPU units are schedulable: ${strong
          .map(e => e.summary.split(':')[0])
          .join('; ')}`,
        [...strong, ...medium, ...hints],
        { cannotProve },
      );
    }
    const needed = ['nodes', 'draResourceSlices', 'draDeviceClasses'] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(
        s,
        [...needed],
        [...medium, ...hints],
        'the sharing evidence',
      );
    }
    if (medium.length) {
      return result(
        'partial',
        'Only labels say the GPUs can be shared (MIG or MPS capable, a sharing strategy); no shared units are schedulable',
        [...medium, ...hints],
        { cannotProve },
      );
    }
    return result(
      'fail',
      'No GPU sharing: no MIG resources or devices, no time-slicing or MPS, no sharing labels',
      hints,
    );
  },
};
