import {
  DeviceClassSummary,
  DraDeviceSummary,
  ResourceClaimSummary,
  ResourceSliceSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  arr,
  bool,
  meta,
  num,
  obj,
  quantityString,
  spec,
  status,
  str,
  strings,
} from './common';

export function normalizeDeviceClass(raw: unknown): DeviceClassSummary {
  const s = spec(raw);
  const summary: DeviceClassSummary = {
    name: meta(raw).name,
    selectors: arr(s.selectors)
      .map(sel => str(obj(obj(sel).cel).expression))
      .filter((e): e is string => !!e),
  };
  if (str(s.extendedResourceName)) {
    summary.extendedResourceName = str(s.extendedResourceName);
  }
  return summary;
}

/**
 * A ResourceSlice of any served version: v1 and v1beta2 put attributes and
 * capacity on the device, v1beta1 wraps them in `basic`.
 */
export function normalizeResourceSlice(raw: unknown): ResourceSliceSummary {
  const s = spec(raw);
  const pool = obj(s.pool);
  const summary: ResourceSliceSummary = {
    name: meta(raw).name,
    driver: str(s.driver) ?? '',
    pool: {
      name: str(pool.name) ?? '',
      generation: num(pool.generation) ?? 0,
      resourceSliceCount: num(pool.resourceSliceCount) ?? 1,
    },
    devices: arr(s.devices).map(normalizeDevice),
    hasSharedCounters: arr(s.sharedCounters).length > 0,
  };
  if (str(s.nodeName)) summary.nodeName = str(s.nodeName);
  if (bool(s.allNodes)) summary.allNodes = true;
  return summary;
}

function normalizeDevice(raw: unknown): DraDeviceSummary {
  const device = obj(raw);
  const body = 'basic' in device ? obj(device.basic) : device;
  const attributes: DraDeviceSummary['attributes'] = {};
  for (const [key, value] of Object.entries(obj(body.attributes))) {
    const flat = flattenAttribute(value);
    if (flat !== undefined) attributes[key] = flat;
  }
  const capacity: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(body.capacity))) {
    const q = quantityString(value);
    if (q !== undefined) capacity[key] = q;
  }
  const summary: DraDeviceSummary = {
    name: str(device.name) ?? '',
    attributes,
    capacity,
  };
  if (arr(body.consumesCounters).length > 0) summary.consumesCounters = true;
  return summary;
}

/** `{string: x}`, `{int: 3}`, `{bool: true}`, `{version: '1.2.3'}` and the list forms → one scalar. */
export function flattenAttribute(
  value: unknown,
): string | number | boolean | undefined {
  const v = obj(value);
  if (typeof v.string === 'string') return v.string;
  if (typeof v.version === 'string') return v.version;
  if (typeof v.bool === 'boolean') return v.bool;
  const n = num(v.int);
  if (n !== undefined) return n;
  for (const key of ['strings', 'versions', 'ints', 'bools']) {
    if (Array.isArray(v[key])) {
      return (v[key] as unknown[]).map(x => String(x)).join(',');
    }
  }
  return undefined;
}

export function normalizeResourceClaim(raw: unknown): ResourceClaimSummary {
  const m = meta(raw);
  const st = status(raw);
  const allocation = obj(st.allocation);
  const summary: ResourceClaimSummary = {
    namespace: m.namespace ?? '',
    name: m.name,
    allocated: Object.keys(allocation).length > 0,
    results: arr(obj(allocation.devices).results).map(r => {
      const result = obj(r);
      return {
        request: str(result.request) ?? '',
        driver: str(result.driver) ?? '',
        pool: str(result.pool) ?? '',
        device: str(result.device) ?? '',
      };
    }),
    reservedFor: arr(st.reservedFor).map(r => ({
      resource: str(obj(r).resource) ?? '',
      name: str(obj(r).name) ?? '',
    })),
  };
  const nodeName = allocatedNode(allocation.nodeSelector);
  if (nodeName) summary.nodeName = nodeName;
  return summary;
}

/** The node an allocation is pinned to: `matchFields metadata.name In [node]` (or the hostname label). */
function allocatedNode(nodeSelector: unknown): string | undefined {
  for (const term of arr(obj(nodeSelector).nodeSelectorTerms)) {
    const t = obj(term);
    for (const [list, key] of [
      ['matchFields', 'metadata.name'],
      ['matchExpressions', 'kubernetes.io/hostname'],
    ] as const) {
      for (const e of arr(t[list])) {
        const expr = obj(e);
        const values = strings(expr.values);
        if (expr.key === key && expr.operator === 'In' && values.length === 1) {
          return values[0];
        }
      }
    }
  }
  return undefined;
}
