import {
  AutoscalingInfo,
  isAcceleratorResourceName,
} from '@ai-platform/plugin-ai-platform-common';
import { parse as parseYaml } from 'yaml';
import {
  arr,
  conditions,
  conditionState,
  meta,
  num,
  obj,
  quantityMap,
  spec,
  status,
  str,
  strings,
  truncate,
} from './common';

type AutoscalerStatus = NonNullable<AutoscalingInfo['clusterAutoscalerStatus']>;

const MAX_STATUS_TEXT = 4000;

/**
 * The `kube-system/cluster-autoscaler-status` ConfigMap. Cluster Autoscaler
 * writes YAML since 1.30 and a human-readable text before; both are read.
 */
export function parseClusterAutoscalerStatus(
  configMap: unknown,
): AutoscalerStatus | undefined {
  const text = str(obj(obj(configMap).data).status);
  if (text === undefined) {
    return undefined;
  }
  const trimmed = text.trim();
  return (
    parseYamlStatus(trimmed) ?? {
      text: truncate(trimmed, MAX_STATUS_TEXT),
      ...parseTextStatus(trimmed),
    }
  );
}

function parseYamlStatus(text: string): AutoscalerStatus | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  const d = obj(doc);
  if (!('clusterWide' in d) && !('nodeGroups' in d)) {
    return undefined;
  }
  const result: AutoscalerStatus = {
    text: truncate(text, MAX_STATUS_TEXT),
    nodeGroups: arr(d.nodeGroups).map(g => {
      const group = obj(g);
      const health = obj(group.health);
      const registered = obj(obj(health.nodeCounts).registered);
      return dropUndefined({
        name: str(group.name) ?? '',
        minSize: num(health.minSize ?? group.minSize),
        maxSize: num(health.maxSize ?? group.maxSize),
        ready: num(registered.ready),
        registered: num(registered.total),
      });
    }),
  };
  const health = str(obj(obj(d.clusterWide).health).status);
  if (health) result.health = health;
  return result;
}

function parseTextStatus(text: string): Omit<AutoscalerStatus, 'text'> {
  const nodeGroups: AutoscalerStatus['nodeGroups'] = [];
  let health: string | undefined;
  let section: 'cluster' | 'groups' | undefined;
  let current: AutoscalerStatus['nodeGroups'][number] | undefined;
  for (const line of text.split('\n')) {
    if (/^Cluster-wide:/.test(line)) {
      section = 'cluster';
      continue;
    }
    if (/^NodeGroups:/.test(line)) {
      section = 'groups';
      continue;
    }
    const name = /^\s+Name:\s+(\S+)/.exec(line);
    if (section === 'groups' && name) {
      current = { name: name[1] };
      nodeGroups.push(current);
      continue;
    }
    const h = /^\s+Health:\s+(\w+)(.*)$/.exec(line);
    if (!h) continue;
    if (section === 'cluster' && !health) {
      health = h[1];
    } else if (section === 'groups' && current) {
      const counts = h[2];
      const read = (key: string) => {
        const m = new RegExp(`\\b${key}=(\\d+)`).exec(counts);
        return m ? Number(m[1]) : undefined;
      };
      Object.assign(
        current,
        dropUndefined({
          ready: read('ready'),
          registered: read('registered'),
          minSize: read('minSize'),
          maxSize: read('maxSize'),
        }),
      );
    }
  }
  return health ? { health, nodeGroups } : { nodeGroups };
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) {
    if (o[k] === undefined) delete o[k];
  }
  return o;
}

const GPU_REQUIREMENT_KEYS = [
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-accelerator-count',
  'karpenter.azure.com/sku-gpu-count',
  'karpenter.azure.com/sku-gpu-name',
  'cloud.google.com/gke-accelerator',
  'nvidia.com/gpu.product',
];
/** EC2 GPU families (g4dn, g5, g6e, p4d, p5, ...) named in `instance-family` or `instance-type` requirements. */
const GPU_INSTANCE = /^(?:g\d|p\d|gr\d)/;

/** A Karpenter NodePool; `gpu` when its limits or requirements say it launches accelerator nodes. */
export function normalizeKarpenterNodePool(
  raw: unknown,
): AutoscalingInfo['karpenterNodePools'][number] {
  const s = spec(raw);
  const limits = quantityMap(s.limits);
  const requirements = arr(obj(obj(s.template).spec).requirements).map(r =>
    obj(r),
  );
  const gpuByLimits = Object.keys(limits).some(isAcceleratorResourceName);
  const gpuByRequirements = requirements.some(r => {
    const key = str(r.key) ?? '';
    const op = str(r.operator) ?? '';
    if (op === 'DoesNotExist' || op === 'NotIn') return false;
    if (GPU_REQUIREMENT_KEYS.includes(key)) {
      // `instance-gpu-count Gt 0`, `Exists` or `In [1, 8]` all mean GPU nodes; `In [0]` or `Lt 1` do not.
      const values = strings(r.values);
      if (op === 'Gt' || op === 'Exists') return true;
      if (op === 'Lt') return Number(values[0]) > 1;
      return values.length > 0 && !values.every(v => v === '0');
    }
    if (
      key === 'karpenter.k8s.aws/instance-family' ||
      key === 'karpenter.k8s.aws/instance-category' ||
      key === 'node.kubernetes.io/instance-type'
    ) {
      const values = strings(r.values);
      return (
        values.length > 0 &&
        values.every(v => GPU_INSTANCE.test(v) || v === 'g' || v === 'p')
      );
    }
    return false;
  });
  return {
    name: meta(raw).name,
    gpu: gpuByLimits || gpuByRequirements,
    limits,
    ready: conditionState(conditions(status(raw)), 'Ready'),
  };
}

/** An autoscaling/v2 HorizontalPodAutoscaler. */
export function normalizeHpa(
  raw: unknown,
): AutoscalingInfo['horizontalPodAutoscalers'][number] {
  const m = meta(raw);
  const s = spec(raw);
  const target = obj(s.scaleTargetRef);
  return {
    namespace: m.namespace ?? '',
    name: m.name,
    target: { kind: str(target.kind) ?? '', name: str(target.name) ?? '' },
    metrics: arr(s.metrics).map(x => {
      const metric = obj(x);
      const type = str(metric.type) ?? '';
      const name = metricName(metric, type);
      return name ? { type, name } : { type };
    }),
    scalingActive: conditionState(conditions(status(raw)), 'ScalingActive'),
  };
}

function metricName(
  metric: Record<string, unknown>,
  type: string,
): string | undefined {
  switch (type) {
    case 'Resource':
      return str(obj(metric.resource).name);
    case 'ContainerResource':
      return str(obj(metric.containerResource).name);
    case 'Pods':
      return str(obj(obj(metric.pods).metric).name);
    case 'Object':
      return str(obj(obj(metric.object).metric).name);
    case 'External':
      return str(obj(obj(metric.external).metric).name);
    default:
      return undefined;
  }
}
