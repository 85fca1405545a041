import {
  ContainerSummary,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  arr,
  matchLabels,
  meta,
  num,
  obj,
  podSpecAccelerators,
  spec,
  status,
  str,
  strings,
  truncate,
} from './common';

/** Images of model servers and inference engines. */
const SERVING_IMAGE =
  /(?:^|[/:-])(?:vllm|sglang|text-generation-inference|tgi|tritonserver|tensorrt-llm|trtllm|lmdeploy|ollama|llama\.cpp|llamacpp|llm-d|xinference|localai|huggingfaceserver|kserve-container|aphrodite|mistralrs)(?:[/:-]|$)|nvcr\.io\/nim\/|\/kserve\//i;

/** Pod-template labels that mark model serving. */
const SERVING_LABEL_PREFIXES = [
  'llm-d.ai/',
  'inference.networking.k8s.io/',
  'serving.kserve.io/',
];

/** Environment variables that carry model settings; their literal values are kept. */
const MODEL_ENV =
  /MODEL|^VLLM_|^SGLANG_|^TGI_|^HF_HUB_OFFLINE$|^TENSOR_PARALLEL|^PIPELINE_PARALLEL|^MAX_(?:INPUT|TOTAL|BATCH)|^QUANTIZ|^DTYPE$|^NUM_SHARD$|^STORAGE_URI$|^LORA/;
/** Names that look like credentials never keep a value, even when they match the above. */
const SECRET_ENV = /TOKEN|SECRET|PASSW|KEY|CREDENTIAL|AUTH/i;

const MAX_ARGS = 100;
const MAX_ARG_LENGTH = 1000;

/**
 * A Deployment or DaemonSet. Every workload gets a compact summary; container
 * details (command, args, model env) are kept only for those that serve or
 * train models, which catalog discovery needs, and nothing else is kept.
 */
export function normalizeWorkload(
  raw: unknown,
  kind: 'Deployment' | 'DaemonSet',
): WorkloadSummary {
  const m = meta(raw);
  const s = spec(raw);
  const st = status(raw);
  const template = obj(s.template);
  const templateLabels = meta(template).labels;
  const podSpec = obj(template.spec);
  const containers = arr(podSpec.containers).map(c => obj(c));
  const images = [
    ...new Set(
      [...containers, ...arr(podSpec.initContainers).map(c => obj(c))]
        .map(c => str(c.image))
        .filter((i): i is string => !!i),
    ),
  ];
  const acceleratorRequests = podSpecAccelerators(podSpec);
  const summary: WorkloadSummary = {
    kind,
    namespace: m.namespace ?? '',
    name: m.name,
    labels: m.labels,
    desired:
      kind === 'Deployment'
        ? num(s.replicas) ?? 1
        : num(st.desiredNumberScheduled) ?? 0,
    ready: num(kind === 'Deployment' ? st.readyReplicas : st.numberReady) ?? 0,
    available:
      num(kind === 'Deployment' ? st.availableReplicas : st.numberAvailable) ??
      0,
    selector: matchLabels(s.selector),
    templateLabels,
    images,
    acceleratorRequests,
  };
  if (
    Object.keys(acceleratorRequests).length > 0 ||
    images.some(i => SERVING_IMAGE.test(i)) ||
    Object.keys(templateLabels).some(l =>
      SERVING_LABEL_PREFIXES.some(p => l.startsWith(p)),
    )
  ) {
    summary.containers = containers.map(normalizeContainer);
  }
  return summary;
}

export function normalizeContainer(raw: unknown): ContainerSummary {
  const c = obj(raw);
  return {
    name: str(c.name) ?? '',
    image: str(c.image) ?? '',
    command: limitArgs(strings(c.command)),
    args: limitArgs(strings(c.args)),
    env: modelEnv(c.env),
    ports: arr(c.ports)
      .map(p => num(obj(p).containerPort))
      .filter((p): p is number => p !== undefined),
  };
}

function limitArgs(args: string[]): string[] {
  return args.slice(0, MAX_ARGS).map(a => truncate(a, MAX_ARG_LENGTH));
}

/** Literal values of model settings only; `valueFrom` (secrets, config maps) is never read. */
export function modelEnv(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of arr(env)) {
    const entry = obj(e);
    const name = str(entry.name);
    const value = str(entry.value);
    if (!name || value === undefined || 'valueFrom' in entry) continue;
    if (MODEL_ENV.test(name) && !SECRET_ENV.test(name)) {
      out[name] = truncate(value, MAX_ARG_LENGTH);
    }
  }
  return out;
}
