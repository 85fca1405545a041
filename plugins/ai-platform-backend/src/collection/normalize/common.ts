import {
  Condition,
  effectivePodRequests,
  isAcceleratorResourceName,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * Safe readers for raw API objects. Collectors read whatever a cluster (or a
 * broken proxy in front of it) sends, so normalizers never assume a shape:
 * a missing or mistyped field becomes `undefined`, never a crash.
 */
export type RawObject = Record<string, unknown>;

export function obj(value: unknown): RawObject {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as RawObject)
    : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A string map (labels, selectors, resource lists); non-string values are stringified when scalar, dropped otherwise. */
export function strMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    if (typeof v === 'string') {
      out[k] = v;
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      out[k] = String(v);
    }
  }
  return out;
}

export function strings(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

export interface Metadata {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
}

export function meta(raw: unknown): Metadata {
  const m = obj(obj(raw).metadata);
  return {
    name: str(m.name) ?? '',
    namespace: str(m.namespace),
    labels: strMap(m.labels),
    annotations: strMap(m.annotations),
    creationTimestamp: str(m.creationTimestamp),
  };
}

export function spec(raw: unknown): RawObject {
  return obj(obj(raw).spec);
}

export function status(raw: unknown): RawObject {
  return obj(obj(raw).status);
}

export function conditions(raw: unknown): Condition[] {
  return arr(obj(raw).conditions)
    .map(c => obj(c))
    .filter(c => typeof c.type === 'string')
    .map(c => {
      const s = c.status;
      const condition: Condition = {
        type: c.type as string,
        status: s === 'True' || s === 'False' ? s : 'Unknown',
      };
      if (str(c.reason)) condition.reason = str(c.reason);
      if (str(c.message)) condition.message = truncate(str(c.message)!, 500);
      return condition;
    });
}

/** `True` → true, `False` → false, absent or `Unknown` → 'unknown'. */
export function conditionState(
  list: Condition[],
  type: string,
): boolean | 'unknown' {
  const c = list.find(x => x.type === type);
  if (!c || c.status === 'Unknown') {
    return 'unknown';
  }
  return c.status === 'True';
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A quantity as the string a cluster would show (numbers as given, objects with `value` unwrapped). */
export function quantityString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  const inner = obj(value).value;
  return typeof inner === 'string' || typeof inner === 'number'
    ? String(inner)
    : undefined;
}

export function quantityMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    const q = quantityString(v);
    if (q !== undefined) {
      out[k] = q;
    }
  }
  return out;
}

/**
 * A container's requests as the API server stores them: a resource with only
 * a limit gets the limit as its request (defaulting), which is how extended
 * resources such as `nvidia.com/gpu` are usually written.
 */
export function containerRequests(
  container: unknown,
): Record<string, string | number> {
  const resources = obj(obj(container).resources);
  const out: Record<string, string | number> = {};
  for (const source of [resources.limits, resources.requests]) {
    for (const [k, v] of Object.entries(obj(source))) {
      const q = quantityString(v);
      if (q !== undefined) out[k] = q;
    }
  }
  return out;
}

/** Accelerator units one container asks for (`{ 'nvidia.com/gpu': 2 }`). */
export function containerAccelerators(
  container: unknown,
): Record<string, number> {
  return effectivePodRequests(
    { containers: [{ requests: containerRequests(container) }] },
    isAcceleratorResourceName,
  );
}

/**
 * Effective accelerator requests of a pod spec, the way the scheduler counts
 * them (app containers and sidecars vs. the biggest init step, plus overhead),
 * restricted to the resources inventory counts as accelerators.
 */
export function podSpecAccelerators(podSpec: unknown): Record<string, number> {
  const s = obj(podSpec);
  return effectivePodRequests(
    {
      containers: arr(s.containers).map(c => ({
        requests: containerRequests(c),
      })),
      initContainers: arr(s.initContainers).map(c => ({
        requests: containerRequests(c),
        restartPolicy: str(obj(c).restartPolicy),
      })),
      overhead: Object.fromEntries(
        Object.entries(obj(s.overhead))
          .map(([k, v]) => [k, quantityString(v)] as const)
          .filter((e): e is readonly [string, string] => e[1] !== undefined),
      ),
    },
    isAcceleratorResourceName,
  );
}

/** `matchLabels` of a label selector (expressions are not needed by readers). */
export function matchLabels(selector: unknown): Record<string, string> {
  return strMap(obj(selector).matchLabels);
}

/** `group/version` of a raw object, or the fallback when the list items carry none (built-in kinds). */
export function apiVersionOf(raw: unknown, fallback: string): string {
  return str(obj(raw).apiVersion) ?? fallback;
}
