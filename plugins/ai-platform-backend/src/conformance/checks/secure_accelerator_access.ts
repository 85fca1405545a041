import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterSnapshot,
  EvidenceItem,
  PodIsolationFinding,
} from '@ai-platform/plugin-ai-platform-common';
import {
  detectAccelerators,
  nodeRef,
  requireAccelerators,
} from './accelerators';
import {
  describeWorkload,
  evidence,
  isReadable,
  joinNames,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

/** Namespaces of accelerator infrastructure, whose pods are privileged by design. */
const INFRA_NAMESPACE =
  /^kube-system$|gpu-operator|dra-driver|device-plugin|network-operator|amd-gpu|kube-amd-gpu|habana|intel-device|inteldeviceplugins|node-feature-discovery|^nfd|neuron/;
/** DaemonSets that are accelerator infrastructure; their namespaces count as infrastructure too. */
const INFRA_DAEMONSET =
  /device-plugin|dra-driver|kubelet-plugin|dcgm|driver-daemonset|container-toolkit|feature-discovery|mig-manager|operator-validator|labeller|node-feature-discovery|metrics-exporter/;

function infraNamespaces(s: ClusterSnapshot): Set<string> {
  const namespaces = new Set<string>();
  for (const ns of [
    ...s.namespaces.map(n => n.name),
    ...s.workloads.daemonSets.map(d => d.namespace),
  ]) {
    if (INFRA_NAMESPACE.test(ns)) namespaces.add(ns);
  }
  for (const ds of s.workloads.daemonSets) {
    if (INFRA_DAEMONSET.test(ds.name)) namespaces.add(ds.namespace);
  }
  return namespaces;
}

const FINDING_TEXT: Record<PodIsolationFinding['finding'], string> = {
  privileged: 'privileged',
  'host-dev-mount': 'mounts host /dev',
  'visible-devices-without-request':
    'sets NVIDIA_VISIBLE_DEVICES without a GPU request',
};

const CANNOT_PROVE =
  'Only the active test TestSecureAcceleratorAccess settles this: a pod without a request must see no device, only the claiming container of a pod sees it, and two GPU pods are isolated. Container runtime configuration is not visible through the API.';

/**
 * KAR-0049. Read-only evidence is medium at best, so the best verdict is
 * partial, limited by read-only evidence: accelerators reachable through the
 * device plugin or DRA and no sign of bypass. Fail: a workload pod outside
 * the accelerator infrastructure namespaces is privileged or mounts host
 * /dev on an accelerator node (it can reach every device there). Partial
 * (a real gap): NVIDIA_VISIBLE_DEVICES set without a request, or accelerator
 * nodes whose devices are not exposed through a device plugin or DRA.
 * Namespaces without Pod Security enforcement are reported as a hint only.
 */
export const secureAcceleratorAccessCheck: ConformanceCheck = {
  requirementId: 'secure_accelerator_access',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const skip = requireAccelerators(s, presence);
    if (skip) return skip;
    const needed = [
      'nodes',
      'pods',
      'draResourceSlices',
      'daemonSets',
      'namespaces',
    ] as const;
    if (
      !isReadable(s, 'nodes') ||
      !isReadable(s, 'pods') ||
      !isReadable(s, 'draResourceSlices')
    ) {
      return unreadable(s, [...needed], [], 'the accelerator access evidence');
    }

    const mediated: EvidenceItem[] = [];
    const against: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];

    const viaPlugin = presence.nodes.filter(
      n => Object.keys(n.resources).length > 0,
    );
    const viaDra = presence.nodes.filter(n => n.draDevices > 0);
    const unmediated = presence.nodes.filter(
      n => !Object.keys(n.resources).length && !n.draDevices,
    );
    if (viaPlugin.length) {
      const resources = [
        ...new Set(viaPlugin.flatMap(n => Object.keys(n.resources))),
      ].sort();
      mediated.push(
        evidence(
          'medium',
          true,
          `Device plugin resources ${resources.join(', ')} on ${joinNames(
            viaPlugin.map(n => n.name),
            3,
          )}`,
          nodeRef(viaPlugin[0].name),
        ),
      );
    }
    for (const ds of s.workloads.daemonSets.filter(d =>
      /device-plugin/.test(d.name),
    )) {
      mediated.push(
        evidence('medium', true, describeWorkload(ds), workloadRef(ds)),
      );
    }
    if (viaDra.length) {
      const claims = s.dra.resourceClaims.filter(c => c.allocated).length;
      mediated.push(
        evidence(
          'medium',
          true,
          `DRA devices on ${joinNames(
            viaDra.map(n => n.name),
            3,
          )}${claims ? `, ${claims} allocated ResourceClaim(s)` : ''}`,
          nodeRef(viaDra[0].name),
        ),
      );
    }
    for (const n of unmediated) {
      against.push(
        evidence(
          'medium',
          false,
          `Accelerator node ${n.name} (${n.markers.join(
            ', ',
          )}) exposes no device through a device plugin or DRA`,
          nodeRef(n.name),
        ),
      );
    }

    const infra = infraNamespaces(s);
    const requesting = new Set(
      s.pods.acceleratorPods.map(p => `${p.namespace}/${p.name}`),
    );
    const findings = s.pods.isolationFindings.filter(
      f => !infra.has(f.namespace),
    );
    const bypass = findings.filter(
      f => f.finding !== 'visible-devices-without-request',
    );
    const visible = findings.filter(
      f => f.finding === 'visible-devices-without-request',
    );
    const describeFinding = (f: (typeof findings)[number]) =>
      `${f.namespace}/${f.name}${f.nodeName ? ` on ${f.nodeName}` : ''}: ${
        FINDING_TEXT[f.finding]
      }${
        requesting.has(`${f.namespace}/${f.name}`) ||
        f.finding === 'visible-devices-without-request'
          ? ''
          : ', requests no accelerator'
      }`;
    for (const f of [...bypass, ...visible]) {
      against.push(
        evidence(
          'hint',
          false,
          describeFinding(f),
          ref('v1', 'Pod', f.name, f.namespace),
        ),
      );
    }

    if (isReadable(s, 'namespaces')) {
      const workloadNamespaces = [
        ...new Set(
          s.pods.acceleratorPods
            .map(p => p.namespace)
            .concat(findings.map(f => f.namespace)),
        ),
      ].filter(ns => !infra.has(ns));
      const unenforced = workloadNamespaces.filter(ns => {
        const labels = s.namespaces.find(n => n.name === ns)?.labels ?? {};
        const level = labels['pod-security.kubernetes.io/enforce'];
        return !level || level === 'privileged';
      });
      if (unenforced.length) {
        hints.push(
          evidence(
            'hint',
            false,
            `Namespaces running accelerator workloads without Pod Security enforcement: ${joinNames(
              unenforced.sort(),
            )}`,
          ),
        );
      } else if (workloadNamespaces.length) {
        hints.push(
          evidence(
            'hint',
            true,
            `Pod Security enforced in ${joinNames(workloadNamespaces.sort())}`,
          ),
        );
      }
    }

    const items = [...mediated, ...against, ...hints];
    if (bypass.length && !isReadable(s, 'daemonSets')) {
      // Without the DaemonSets, accelerator infrastructure pods cannot be told from workloads.
      return unreadable(
        s,
        ['daemonSets'],
        items,
        'which namespaces hold accelerator infrastructure',
      );
    }
    if (bypass.length) {
      return result(
        'fail',
        `Workload pods can reach accelerators outside the device plugin/DRA path: ${joinNames(
          bypass.map(describeFinding),
          3,
        )}`,
        items,
        { cannotProve: CANNOT_PROVE },
      );
    }
    if (visible.length || unmediated.length) {
      return result(
        'partial',
        visible.length
          ? `NVIDIA_VISIBLE_DEVICES is set without a GPU request in ${joinNames(
              visible.map(f => `${f.namespace}/${f.name}`),
              3,
            )}; with the default runtime settings such pods may see GPUs`
          : `Accelerators on ${joinNames(
              unmediated.map(n => n.name),
              3,
            )} are not exposed through a device plugin or DRA`,
        items,
        { cannotProve: CANNOT_PROVE },
      );
    }
    return result(
      'partial',
      `Accelerators are reachable only through the ${[
        viaPlugin.length ? 'device plugin' : '',
        viaDra.length ? 'DRA' : '',
      ]
        .filter(Boolean)
        .join(
          ' and ',
        )} and no bypass was seen; only the active test proves isolation`,
      items,
      { cannotProve: CANNOT_PROVE, limitedByReadOnly: true },
    );
  },
};
