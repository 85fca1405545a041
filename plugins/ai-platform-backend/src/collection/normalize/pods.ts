import {
  AcceleratorPodSummary,
  InferencePodSummary,
  PodIsolationFinding,
  PodsDigest,
} from '@ai-platform/plugin-ai-platform-common';
import {
  arr,
  bool,
  conditions,
  meta,
  obj,
  podSpecAccelerators,
  spec,
  status,
  str,
} from './common';

/** Labels that identify pods taking part in routed or disaggregated inference. */
const INFERENCE_POD_LABELS = [
  'llm-d.ai/role',
  'llm-d.ai/inference-serving',
  'llm-d.ai/inferenceServing',
  'llm-d.ai/model',
  'inference.networking.k8s.io/engine-type',
];

/** Per-pod labels that only identify a revision or an instance; dropped to keep the digest small. */
const NOISE_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
]);

export interface InferencePoolSelector {
  namespace: string;
  selector: Record<string, string>;
}

interface NodeBoundCandidate {
  namespace: string;
  name: string;
  nodeName: string;
  finding: 'privileged' | 'host-dev-mount';
}

/**
 * Summarizes pods while they are listed, page by page, so a cluster with
 * 150,000 pods never has more than one page of raw pods in memory. Findings
 * that depend on the node (privileged on a GPU node) are kept as candidates
 * and resolved in `finish`, once nodes are known.
 */
export class PodDigestBuilder {
  private total = 0;
  private readonly byPhase: Record<string, number> = {};
  private readonly acceleratorPods: AcceleratorPodSummary[] = [];
  private readonly inferencePods: InferencePodSummary[] = [];
  private readonly findings: PodIsolationFinding[] = [];
  private readonly nodeBound: NodeBoundCandidate[] = [];
  private readonly poolSelectors: InferencePoolSelector[];

  constructor(
    options: { inferencePoolSelectors?: InferencePoolSelector[] } = {},
  ) {
    this.poolSelectors = (options.inferencePoolSelectors ?? []).filter(
      p => Object.keys(p.selector).length > 0,
    );
  }

  add(raw: unknown): void {
    const m = meta(raw);
    if (!m.name) return;
    const s = spec(raw);
    const st = status(raw);
    const namespace = m.namespace ?? '';
    const phase = str(st.phase) ?? 'Unknown';
    const nodeName = str(s.nodeName);
    this.total++;
    this.byPhase[phase] = (this.byPhase[phase] ?? 0) + 1;

    const requests = podSpecAccelerators(s);
    const claims = podClaims(raw, namespace);
    const hasAccelerators =
      Object.keys(requests).length > 0 || claims.length > 0;
    if (hasAccelerators) {
      const pod: AcceleratorPodSummary = {
        namespace,
        name: m.name,
        phase,
        requests,
        claims,
        labels: compactLabels(m.labels),
      };
      if (nodeName) pod.nodeName = nodeName;
      if (str(s.schedulerName)) pod.schedulerName = str(s.schedulerName);
      const owner = controllerOf(raw);
      if (owner) pod.owner = owner;
      this.acceleratorPods.push(pod);
    }

    if (this.isInferencePod(namespace, m.labels)) {
      const pod: InferencePodSummary = {
        namespace,
        name: m.name,
        ready: conditions(st).some(
          c => c.type === 'Ready' && c.status === 'True',
        ),
        labels: compactLabels(m.labels),
      };
      if (nodeName) pod.nodeName = nodeName;
      this.inferencePods.push(pod);
    }

    const containers = [...arr(s.containers), ...arr(s.initContainers)].map(c =>
      obj(c),
    );
    if (nodeName) {
      if (
        containers.some(c => bool(obj(c.securityContext).privileged) === true)
      ) {
        this.nodeBound.push({
          namespace,
          name: m.name,
          nodeName,
          finding: 'privileged',
        });
      }
      if (arr(s.volumes).some(v => isDevPath(str(obj(obj(v).hostPath).path)))) {
        this.nodeBound.push({
          namespace,
          name: m.name,
          nodeName,
          finding: 'host-dev-mount',
        });
      }
    }
    if (!hasAccelerators && containers.some(setsVisibleDevices)) {
      const finding: PodIsolationFinding = {
        namespace,
        name: m.name,
        finding: 'visible-devices-without-request',
      };
      if (nodeName) finding.nodeName = nodeName;
      this.findings.push(finding);
    }
  }

  /**
   * The digest. `acceleratorNodes` are the nodes known to carry accelerators
   * (from nodes and DRA slices); nodes of accelerator pods are added here.
   */
  finish(acceleratorNodes: Iterable<string> = []): PodsDigest {
    const gpuNodes = new Set(acceleratorNodes);
    for (const pod of this.acceleratorPods) {
      if (pod.nodeName && Object.keys(pod.requests).length > 0)
        gpuNodes.add(pod.nodeName);
    }
    const isolationFindings = [
      ...this.nodeBound
        .filter(c => gpuNodes.has(c.nodeName))
        .map(c => ({
          namespace: c.namespace,
          name: c.name,
          nodeName: c.nodeName,
          finding: c.finding,
        })),
      ...this.findings,
    ];
    return {
      total: this.total,
      byPhase: { ...this.byPhase },
      acceleratorPods: this.acceleratorPods,
      isolationFindings,
      inferencePods: this.inferencePods,
    };
  }

  private isInferencePod(
    namespace: string,
    labels: Record<string, string>,
  ): boolean {
    if (INFERENCE_POD_LABELS.some(l => l in labels)) {
      return true;
    }
    return this.poolSelectors.some(
      p =>
        p.namespace === namespace &&
        Object.entries(p.selector).every(([k, v]) => labels[k] === v),
    );
  }
}

function podClaims(raw: unknown, namespace: string): string[] {
  const names = new Set<string>();
  for (const c of arr(spec(raw).resourceClaims)) {
    const claim = obj(c);
    const direct =
      str(claim.resourceClaimName) ?? str(obj(claim.source).resourceClaimName);
    if (direct) names.add(direct);
  }
  // Claims generated from templates get their names in the status.
  for (const c of arr(status(raw).resourceClaimStatuses)) {
    const generated = str(obj(c).resourceClaimName);
    if (generated) names.add(generated);
  }
  return [...names].map(n => `${namespace}/${n}`);
}

function controllerOf(
  raw: unknown,
): { kind: string; name: string } | undefined {
  const refs = arr(obj(obj(raw).metadata).ownerReferences).map(r => obj(r));
  const ref = refs.find(r => r.controller === true) ?? refs[0];
  if (!ref || !str(ref.kind) || !str(ref.name)) return undefined;
  return { kind: str(ref.kind)!, name: str(ref.name)! };
}

function compactLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (!NOISE_LABELS.has(k)) out[k] = v;
  }
  return out;
}

function isDevPath(path: string | undefined): boolean {
  return path !== undefined && (path === '/dev' || path.startsWith('/dev/'));
}

function setsVisibleDevices(container: Record<string, unknown>): boolean {
  return arr(container.env).some(e => {
    const env = obj(e);
    if (env.name !== 'NVIDIA_VISIBLE_DEVICES') return false;
    const value = str(env.value);
    // `void` and `none` hide devices; an empty value exposes none either.
    return (
      value !== undefined &&
      value !== '' &&
      value !== 'void' &&
      value !== 'none'
    );
  });
}
