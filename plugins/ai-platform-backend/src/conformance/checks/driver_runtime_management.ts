import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  DraDeviceSummary,
  EvidenceItem,
} from '@ai-platform/plugin-ai-platform-common';
import {
  detectAccelerators,
  nodeRef,
  requireAccelerators,
} from './accelerators';
import {
  describeWorkload,
  draPools,
  evidence,
  isAcceleratorDriver,
  isHealthy,
  isReadable,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

const OPERATOR_DAEMONSETS = [
  'nvidia-driver-daemonset',
  'nvidia-container-toolkit-daemonset',
  'nvidia-operator-validator',
  'gpu-feature-discovery',
];

const DRIVER_LABELS = [
  'nvidia.com/cuda.driver-version.full',
  'nvidia.com/cuda.driver.major',
  'amd.com/gpu.driver-version',
];
const RUNTIME_LABELS = [
  'nvidia.com/cuda.runtime-version.full',
  'nvidia.com/cuda.runtime.major',
];

function attribute(device: DraDeviceSummary, name: string) {
  const key = Object.keys(device.attributes).find(
    k => k === name || k.endsWith(`/${name}`),
  );
  return key === undefined ? undefined : device.attributes[key];
}

const CANNOT_PROVE =
  'That the advertised driver and runtime versions match what a GPU pod sees, and that NVML works, needs a probe pod (TestAcceleratorDriverRuntimeManagement).';

/**
 * KAR-0001. Pass: a DRA driver publishes driverVersion (and, for NVIDIA,
 * cudaDriverVersion) device attributes. Partial: versions only in node
 * labels (GPU Feature Discovery, AMD labeller) or a RuntimeClass. Fail:
 * no advertised driver version. N/A without accelerators.
 */
export const driverRuntimeManagementCheck: ConformanceCheck = {
  requirementId: 'driver_runtime_management',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const skip = requireAccelerators(s, presence);
    if (skip) return skip;

    const strong: EvidenceItem[] = [];
    const medium: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];

    const withVersions = new Map<
      string,
      { driver: string; version: string; cuda?: string; nodes: Set<string> }
    >();
    for (const pool of draPools(s).filter(
      p => p.complete && isAcceleratorDriver(p.driver),
    )) {
      for (const device of pool.slices.flatMap(sl => sl.devices)) {
        const version = attribute(device, 'driverVersion');
        if (version === undefined) continue;
        const cuda = attribute(device, 'cudaDriverVersion');
        // NVIDIA's driver publishes both; one without the other is not the DRA driver's shape.
        if (pool.driver.endsWith('nvidia.com') && cuda === undefined) continue;
        const key = `${pool.driver} ${version} ${cuda ?? ''}`;
        const entry = withVersions.get(key) ?? {
          driver: pool.driver,
          version: String(version),
          ...(cuda !== undefined ? { cuda: String(cuda) } : {}),
          nodes: new Set<string>(),
        };
        entry.nodes.add(pool.nodeName ?? pool.name);
        withVersions.set(key, entry);
      }
    }
    for (const entry of withVersions.values()) {
      strong.push(
        evidence(
          'strong',
          true,
          `DRA driver ${entry.driver} publishes driverVersion ${entry.version}${
            entry.cuda ? ` and cudaDriverVersion ${entry.cuda}` : ''
          } on ${[...entry.nodes].sort().join(', ')}`,
        ),
      );
    }

    const labelled = presence.nodes.filter(n =>
      DRIVER_LABELS.some(l => n.node?.labels[l]),
    );
    if (labelled.length) {
      const sample = labelled[0].node!;
      const driverLabel = DRIVER_LABELS.find(l => sample.labels[l])!;
      const runtimeLabel = RUNTIME_LABELS.find(l => sample.labels[l]);
      medium.push(
        evidence(
          'medium',
          true,
          `Label ${driverLabel}=${sample.labels[driverLabel]}${
            runtimeLabel
              ? ` and ${runtimeLabel}=${sample.labels[runtimeLabel]}`
              : ''
          } on ${labelled.length} of ${
            presence.nodes.length
          } accelerator nodes`,
          nodeRef(sample.name),
        ),
      );
    }
    const nvidiaRuntime = s.scheduling.runtimeClasses.find(
      rc => rc.name === 'nvidia' || rc.handler === 'nvidia',
    );
    if (nvidiaRuntime) {
      medium.push(
        evidence(
          'medium',
          true,
          `RuntimeClass ${nvidiaRuntime.name} (handler ${nvidiaRuntime.handler})`,
          ref('node.k8s.io/v1', 'RuntimeClass', nvidiaRuntime.name),
        ),
      );
    }
    const runtimes = [
      ...new Set(
        presence.nodes
          .map(n => n.node?.nodeInfo.containerRuntimeVersion)
          .filter((v): v is string => !!v),
      ),
    ];
    for (const ds of s.workloads.daemonSets.filter(
      d =>
        d.namespace === 'gpu-operator' && OPERATOR_DAEMONSETS.includes(d.name),
    )) {
      hints.push(
        evidence('hint', isHealthy(ds), describeWorkload(ds), workloadRef(ds)),
      );
    }
    const context = runtimes.length
      ? [
          evidence(
            'hint',
            true,
            `Container runtime on accelerator nodes: ${runtimes.join(', ')}`,
          ),
        ]
      : [];

    if (strong.length) {
      return result(
        'pass',
        `Driver versions are published as DRA device attributes (${
          strong.length
        } driver/version set${strong.length === 1 ? '' : 's'})`,
        [...strong, ...medium, ...hints, ...context],
        { cannotProve: CANNOT_PROVE },
      );
    }
    const needed = ['nodes', 'draResourceSlices', 'runtimeClasses'] as const;
    if (medium.length) {
      if (!isReadable(s, 'draResourceSlices')) {
        return unreadable(
          s,
          ['draResourceSlices'],
          [...medium, ...hints],
          'the DRA device attributes',
        );
      }
      return result(
        'partial',
        'Driver and runtime versions are only advertised in node labels or a RuntimeClass, not as DRA device attributes',
        [...medium, ...hints, ...context],
        { cannotProve: CANNOT_PROVE },
      );
    }
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(s, [...needed], hints, 'the driver version evidence');
    }
    return result(
      'fail',
      'No accelerator driver version is advertised (no DRA driverVersion attributes, no driver-version node labels, no nvidia RuntimeClass)',
      [...hints, ...context],
    );
  },
};
