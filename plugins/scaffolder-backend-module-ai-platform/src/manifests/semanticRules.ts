import { jsonPath } from './schemaCheck';
import { ManifestObject } from './types';

/**
 * Rules the API server (or the controller behind a CRD) enforces beyond the
 * shape of one field, and references between the generated objects that
 * must resolve. They run on objects that passed their schema.
 */

export interface RuleProblem {
  object: ManifestObject;
  path: string;
  message: string;
}

type Path = (string | number)[];

const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

/** A pod spec inside an object, with where it sits. */
interface PodSpecAt {
  path: Path;
  spec: Record<string, any>;
  labels: Record<string, string>;
  /** Set for pods a Job (or a JobSet's Job) runs: restartPolicy must be Never or OnFailure. */
  jobPod: boolean;
}

function asRecord(value: unknown): Record<string, any> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : {};
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function podSpecsOf(o: ManifestObject): PodSpecAt[] {
  const spec = asRecord(o.value.spec);
  const fromTemplate = (template: unknown, path: Path, jobPod: boolean) => {
    const t = asRecord(template);
    return {
      path: [...path, 'spec'],
      spec: asRecord(t.spec),
      labels: asRecord(asRecord(t.metadata).labels),
      jobPod,
    };
  };
  switch (`${o.apiVersion}/${o.kind}`) {
    case 'apps/v1/Deployment':
      return [fromTemplate(spec.template, ['spec', 'template'], false)];
    case 'batch/v1/Job':
      return [fromTemplate(spec.template, ['spec', 'template'], true)];
    case 'jobset.x-k8s.io/v1alpha2/JobSet':
      return asArray(spec.replicatedJobs).map((rj, i) =>
        fromTemplate(
          asRecord(asRecord(rj.template).spec).template,
          ['spec', 'replicatedJobs', i, 'template', 'spec', 'template'],
          true,
        ),
      );
    case 'batch.volcano.sh/v1alpha1/Job':
      return asArray(spec.tasks).map((task, i) =>
        fromTemplate(task.template, ['spec', 'tasks', i, 'template'], false),
      );
    default:
      return [];
  }
}

/** KServe's predictor: the `model` container and any extra containers share the pod. */
function predictorContainers(
  o: ManifestObject,
): { path: Path; container: Record<string, any> }[] {
  if (
    `${o.apiVersion}/${o.kind}` !== 'serving.kserve.io/v1beta1/InferenceService'
  ) {
    return [];
  }
  const predictor = asRecord(asRecord(o.value.spec).predictor);
  const out: { path: Path; container: Record<string, any> }[] = [];
  if (predictor.model) {
    out.push({
      path: ['spec', 'predictor', 'model'],
      container: asRecord(predictor.model),
    });
  }
  asArray(predictor.containers).forEach((c, i) =>
    out.push({ path: ['spec', 'predictor', 'containers', i], container: c }),
  );
  return out;
}

/** Extended resources (vendor/name) are not overcommitted: the API server wants requests == limits. */
function isExtendedResource(name: string): boolean {
  return (
    name.includes('/') &&
    !name.startsWith('kubernetes.io/') &&
    !name.startsWith('requests.')
  );
}

function quantityText(value: unknown): string {
  return typeof value === 'number' ? String(value) : String(value ?? '');
}

function containerResourceProblems(
  container: Record<string, any>,
  path: Path,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const resources = asRecord(container.resources);
  const limits = asRecord(resources.limits);
  const requests = asRecord(resources.requests);
  for (const [name, value] of Object.entries(requests)) {
    if (!isExtendedResource(name)) continue;
    if (!(name in limits)) {
      problems.push({
        path: jsonPath([...path, 'resources', 'limits', name]),
        message: `is required: extended resource ${name} is requested, and extended resources need a limit equal to the request`,
      });
    } else if (quantityText(limits[name]) !== quantityText(value)) {
      problems.push({
        path: jsonPath([...path, 'resources', 'requests', name]),
        message: `must equal the limit for extended resource ${name} (request ${quantityText(
          value,
        )}, limit ${quantityText(limits[name])})`,
      });
    }
  }
  return problems;
}

function podSpecProblems(
  pod: PodSpecAt,
  workloadLabels: Record<string, unknown>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const volumes = new Set(asArray(pod.spec.volumes).map(v => v?.name));
  const claims = new Set(asArray(pod.spec.resourceClaims).map(c => c?.name));
  const names = new Set<string>();
  const containers = [
    ...asArray(pod.spec.initContainers).map((c, i) => ({
      c,
      path: [...pod.path, 'initContainers', i] as Path,
    })),
    ...asArray(pod.spec.containers).map((c, i) => ({
      c,
      path: [...pod.path, 'containers', i] as Path,
    })),
  ];
  for (const { c, path } of containers) {
    const container = asRecord(c);
    if (names.has(container.name)) {
      problems.push({
        path: jsonPath([...path, 'name']),
        message: `duplicates another container's name "${container.name}" in the same pod`,
      });
    }
    names.add(container.name);
    asArray(container.volumeMounts).forEach((m, i) => {
      if (m?.name && !volumes.has(m.name)) {
        problems.push({
          path: jsonPath([...path, 'volumeMounts', i, 'name']),
          message: `names volume "${
            m.name
          }", which the pod does not define in ${jsonPath([
            ...pod.path,
            'volumes',
          ])}`,
        });
      }
    });
    asArray(asRecord(container.resources).claims).forEach((claim, i) => {
      if (claim?.name && !claims.has(claim.name)) {
        problems.push({
          path: jsonPath([...path, 'resources', 'claims', i, 'name']),
          message: `names resource claim "${
            claim.name
          }", which the pod does not define in ${jsonPath([
            ...pod.path,
            'resourceClaims',
          ])}`,
        });
      }
    });
    problems.push(...containerResourceProblems(container, path));
  }
  if (
    pod.jobPod &&
    pod.spec.restartPolicy !== 'Never' &&
    pod.spec.restartPolicy !== 'OnFailure'
  ) {
    problems.push({
      path: jsonPath([...pod.path, 'restartPolicy']),
      message: `must be Never or OnFailure for a Job's pods (got ${
        pod.spec.restartPolicy ?? 'nothing, which means Always'
      })`,
    });
  }
  // Kueue copies the label onto pods itself; on the pod template alone it does nothing.
  if (
    KUEUE_QUEUE_LABEL in pod.labels &&
    !(KUEUE_QUEUE_LABEL in workloadLabels)
  ) {
    problems.push({
      path: jsonPath([
        ...pod.path.slice(0, -1),
        'metadata',
        'labels',
        KUEUE_QUEUE_LABEL,
      ]),
      message: `belongs on the workload's own metadata (the Job, JobSet or Deployment), where Kueue reads it, not on the pod template`,
    });
  }
  return problems;
}

function selectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function namespaceOf(o: ManifestObject): string {
  return o.namespace ?? 'default';
}

/** Rules about one object on its own. */
function objectProblems(o: ManifestObject): RuleProblem[] {
  const problems: { path: string; message: string }[] = [];
  const spec = asRecord(o.value.spec);
  const pods = podSpecsOf(o);
  const workloadLabels = asRecord(asRecord(o.value.metadata).labels);
  for (const pod of pods)
    problems.push(...podSpecProblems(pod, workloadLabels));
  for (const { container, path } of predictorContainers(o)) {
    problems.push(...containerResourceProblems(container, path));
  }

  const type = `${o.apiVersion}/${o.kind}`;
  if (type === 'apps/v1/Deployment') {
    const matchLabels = asRecord(asRecord(spec.selector).matchLabels);
    const podLabels = pods[0]?.labels ?? {};
    for (const [key, value] of Object.entries(matchLabels)) {
      if (podLabels[key] !== value) {
        problems.push({
          path: jsonPath(['spec', 'selector', 'matchLabels', key]),
          message: `selects ${key}=${value}, but the pod template's labels ${
            key in podLabels ? `say ${key}=${podLabels[key]}` : `have no ${key}`
          }; the Deployment would never own its pods`,
        });
      }
    }
  }
  if (type === 'batch.volcano.sh/v1alpha1/Job') {
    const total = asArray(spec.tasks).reduce(
      (sum, t) => sum + (typeof t?.replicas === 'number' ? t.replicas : 0),
      0,
    );
    if (typeof spec.minAvailable === 'number' && spec.minAvailable > total) {
      problems.push({
        path: 'spec.minAvailable',
        message: `is ${spec.minAvailable}, more than the ${total} pods the tasks start; the gang could never be scheduled`,
      });
    }
    asArray(spec.tasks).forEach((task, i) => {
      const schedulerName = asRecord(
        asRecord(task?.template).spec,
      ).schedulerName;
      if (schedulerName !== undefined && schedulerName !== 'volcano') {
        problems.push({
          path: jsonPath([
            'spec',
            'tasks',
            i,
            'template',
            'spec',
            'schedulerName',
          ]),
          message: `is ${schedulerName}; a Volcano Job's pods must be scheduled by volcano for all-or-nothing start`,
        });
      }
    });
  }
  if (type === 'gateway.networking.k8s.io/v1/HTTPRoute') {
    asArray(spec.rules).forEach((rule, r) => {
      asArray(rule?.backendRefs).forEach((ref, b) => {
        const kind = ref?.kind ?? 'Service';
        const group = ref?.group ?? '';
        if (kind === 'Service' && group === '' && ref?.port === undefined) {
          problems.push({
            path: jsonPath(['spec', 'rules', r, 'backendRefs', b, 'port']),
            message: 'is required for a Service backend',
          });
        }
        if (
          kind === 'InferencePool' &&
          group !== 'inference.networking.k8s.io'
        ) {
          problems.push({
            path: jsonPath(['spec', 'rules', r, 'backendRefs', b, 'group']),
            message: `must be inference.networking.k8s.io for an InferencePool backend (got ${
              group || 'the core group'
            })`,
          });
        }
      });
    });
  }
  if (type === 'kagent.dev/v1alpha2/Agent') {
    if (
      spec.type === 'Declarative' &&
      !asRecord(spec.declarative).modelConfig
    ) {
      problems.push({
        path: 'spec.declarative.modelConfig',
        message: 'is required for a Declarative agent',
      });
    }
  }
  return problems.map(p => ({ object: o, ...p }));
}

/**
 * References between objects of the set. A reference to a kind the set
 * does not contain may point at something already in the cluster and is
 * left alone; a reference to a kind the set does contain must resolve in
 * it, which catches typos and renamed objects.
 */
function crossObjectProblems(objects: ManifestObject[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const byKind = new Map<string, ManifestObject[]>();
  for (const o of objects) {
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  const named = (kind: string, namespace: string) =>
    (byKind.get(kind) ?? []).filter(o => namespaceOf(o) === namespace);
  const mustResolve = (
    from: ManifestObject,
    path: Path,
    kind: string,
    name: string | undefined,
    namespace = namespaceOf(from),
  ) => {
    if (!name) return;
    const candidates = named(kind, namespace);
    if (!byKind.has(kind) || candidates.some(o => o.name === name)) return;
    problems.push({
      object: from,
      path: jsonPath(path),
      message: `refers to ${kind} "${name}" in namespace ${namespace}, but the ${kind}s generated here are ${
        candidates.map(o => `"${o.name}"`).join(', ') ||
        `in other namespaces (${(byKind.get(kind) ?? [])
          .map(o => `${namespaceOf(o)}/${o.name}`)
          .join(', ')})`
      }`,
    });
  };

  const podTemplates = objects.flatMap(o =>
    podSpecsOf(o).map(p => ({ object: o, labels: p.labels, pod: p })),
  );

  for (const o of objects) {
    const spec = asRecord(o.value.spec);
    const type = `${o.apiVersion}/${o.kind}`;
    for (const { pod } of podTemplates.filter(p => p.object === o)) {
      asArray(pod.spec.volumes).forEach((v, i) =>
        mustResolve(
          o,
          [...pod.path, 'volumes', i, 'persistentVolumeClaim', 'claimName'],
          'PersistentVolumeClaim',
          v?.persistentVolumeClaim?.claimName,
        ),
      );
      asArray(pod.spec.resourceClaims).forEach((c, i) =>
        mustResolve(
          o,
          [...pod.path, 'resourceClaims', i, 'resourceClaimTemplateName'],
          'ResourceClaimTemplate',
          c?.resourceClaimTemplateName,
        ),
      );
    }
    const queue = asRecord(asRecord(o.value.metadata).labels)[
      KUEUE_QUEUE_LABEL
    ];
    if (typeof queue === 'string') {
      mustResolve(
        o,
        ['metadata', 'labels', KUEUE_QUEUE_LABEL],
        'LocalQueue',
        queue,
      );
    }
    if (type === 'gateway.networking.k8s.io/v1/HTTPRoute') {
      asArray(spec.rules).forEach((rule, r) =>
        asArray(rule?.backendRefs).forEach((ref, b) => {
          if (ref?.kind === 'InferencePool') {
            mustResolve(
              o,
              ['spec', 'rules', r, 'backendRefs', b, 'name'],
              'InferencePool',
              ref.name,
              ref.namespace ?? namespaceOf(o),
            );
          }
        }),
      );
    }
    if (type === 'kagent.dev/v1alpha2/Agent') {
      const declarative = asRecord(spec.declarative);
      mustResolve(
        o,
        ['spec', 'declarative', 'modelConfig'],
        'ModelConfig',
        declarative.modelConfig,
      );
      asArray(declarative.tools).forEach((tool, i) => {
        const server = asRecord(tool?.mcpServer);
        if ((server.kind ?? 'RemoteMCPServer') === 'RemoteMCPServer') {
          mustResolve(
            o,
            ['spec', 'declarative', 'tools', i, 'mcpServer', 'name'],
            'RemoteMCPServer',
            server.name,
            server.namespace ?? namespaceOf(o),
          );
        }
      });
    }
    // Selectors that select nothing the set runs in their namespace.
    const selectorChecks: { path: Path; selector: Record<string, string> }[] =
      [];
    if (type === 'inference.networking.k8s.io/v1/InferencePool') {
      selectorChecks.push({
        path: ['spec', 'selector', 'matchLabels'],
        selector: asRecord(asRecord(spec.selector).matchLabels),
      });
    }
    if (type === 'v1/Service' && spec.selector) {
      selectorChecks.push({
        path: ['spec', 'selector'],
        selector: asRecord(spec.selector),
      });
    }
    for (const check of selectorChecks) {
      const sameNamespace = podTemplates.filter(
        p => namespaceOf(p.object) === namespaceOf(o),
      );
      if (sameNamespace.length === 0) continue;
      if (!sameNamespace.some(p => selectorMatches(check.selector, p.labels))) {
        problems.push({
          object: o,
          path: jsonPath(check.path),
          message: `selects ${Object.entries(check.selector)
            .map(([k, v]) => `${k}=${v}`)
            .join(
              ', ',
            )}, which matches none of the pod templates generated in namespace ${namespaceOf(
            o,
          )} (${sameNamespace
            .map(p => `${p.object.kind}/${p.object.name}`)
            .join(', ')})`,
        });
      }
    }
  }

  // Two objects with the same identity overwrite each other on apply.
  const seen = new Map<string, ManifestObject>();
  for (const o of objects) {
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    const key = `${group}/${o.kind}/${namespaceOf(o)}/${o.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        object: o,
        path: 'metadata.name',
        message: `duplicates ${o.kind} ${namespaceOf(o)}/${o.name} from ${
          first.file
        }[${first.index}]`,
      });
    } else {
      seen.set(key, o);
    }
  }
  return problems;
}

/** Every rule over a set of schema-valid objects. */
export function semanticProblems(objects: ManifestObject[]): RuleProblem[] {
  return [...objects.flatMap(objectProblems), ...crossObjectProblems(objects)];
}
