import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  detectAccelerators,
  nodeRef,
  requireAccelerators,
} from './accelerators';
import {
  allWorkloads,
  describeWorkload,
  evidence,
  isReadable,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

const VGPU_LABELS = [
  'nvidia.com/vgpu.present',
  'nvidia.com/vgpu.host-driver-version',
  'nvidia.com/vgpu.host-driver-branch',
];

const CANNOT_PROVE =
  'That vGPU pods run and stay healthy, consistently with physical fractional GPUs, needs an active test.';

/**
 * KAR-0004. Only medium signals exist read-only, so the best verdict is
 * partial: vGPU labels (limited by read-only evidence), or only hints
 * (passthrough DeviceClass, HAMi, a VM workload config label). With no sign
 * of virtualization the condition does not hold: not applicable (bare metal).
 */
export const virtualizedAcceleratorCheck: ConformanceCheck = {
  requirementId: 'virtualized_accelerator',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const skip = requireAccelerators(s, presence);
    if (skip) return skip;

    const medium: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];
    const vgpuNodes = s.nodes.filter(
      n =>
        n.labels['nvidia.com/vgpu.present'] === 'true' ||
        VGPU_LABELS.slice(1).some(l => n.labels[l]),
    );
    if (vgpuNodes.length) {
      const sample = vgpuNodes[0];
      const shown = VGPU_LABELS.filter(l => sample.labels[l])
        .map(l => `${l}=${sample.labels[l]}`)
        .join(', ');
      medium.push(
        evidence(
          'medium',
          true,
          `vGPU labels on ${vgpuNodes.length} node(s): ${shown}`,
          nodeRef(sample.name),
        ),
      );
    }
    const vfio = s.dra.deviceClasses.find(
      dc => dc.name === 'vfio.gpu.nvidia.com',
    );
    if (vfio) {
      hints.push(
        evidence(
          'hint',
          true,
          'DeviceClass vfio.gpu.nvidia.com (GPU passthrough to VMs)',
          ref('resource.k8s.io/v1', 'DeviceClass', vfio.name),
        ),
      );
    }
    const vmNodes = s.nodes.filter(n =>
      ['vm-vgpu', 'vm-passthrough'].includes(
        n.labels['nvidia.com/gpu.workload.config'] ?? '',
      ),
    );
    if (vmNodes.length) {
      hints.push(
        evidence(
          'hint',
          true,
          `nvidia.com/gpu.workload.config=${vmNodes[0].labels['nvidia.com/gpu.workload.config']} on ${vmNodes.length} node(s)`,
          nodeRef(vmNodes[0].name),
        ),
      );
    }
    for (const w of allWorkloads(s).filter(x =>
      /(^|-)hami(-|$)/.test(x.name),
    )) {
      hints.push(
        evidence('hint', true, `HAMi: ${describeWorkload(w)}`, workloadRef(w)),
      );
    }

    if (medium.length) {
      return result(
        'partial',
        'Virtual GPUs are present (vGPU labels); read-only evidence cannot show vGPU pods running',
        [...medium, ...hints],
        { cannotProve: CANNOT_PROVE, limitedByReadOnly: true },
      );
    }
    const needed = [
      'nodes',
      'draDeviceClasses',
      'deployments',
      'daemonSets',
    ] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(s, [...needed], hints, 'the virtualization evidence');
    }
    if (hints.length) {
      return result(
        'partial',
        'Only hints of virtualized accelerators (passthrough or HAMi), no vGPU labels',
        hints,
        { cannotProve: CANNOT_PROVE },
      );
    }
    return result(
      'not-applicable',
      'Not applicable: no virtualized accelerators (no nvidia.com/vgpu.* labels, no vfio.gpu.nvidia.com DeviceClass, no HAMi); the accelerators are used directly',
      [
        evidence(
          'medium',
          false,
          `No vGPU or passthrough sign on ${presence.nodes.length} accelerator node(s)`,
        ),
      ],
    );
  },
};
