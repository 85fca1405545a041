import {
  GatewayClassSummary,
  GatewaySummary,
  HttpRouteSummary,
  InferencePoolSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiVersionOf,
  arr,
  conditions,
  conditionState,
  meta,
  num,
  obj,
  spec,
  status,
  str,
  strMap,
} from './common';

export function normalizeGatewayClass(raw: unknown): GatewayClassSummary {
  const conds = conditions(status(raw));
  const summary: GatewayClassSummary = {
    name: meta(raw).name,
    controllerName: str(spec(raw).controllerName) ?? '',
    accepted: conditionState(conds, 'Accepted'),
  };
  const reason = conds.find(c => c.type === 'Accepted')?.reason;
  if (reason) summary.acceptedReason = reason;
  return summary;
}

export function normalizeGateway(raw: unknown): GatewaySummary {
  const m = meta(raw);
  const conds = conditions(status(raw));
  return {
    namespace: m.namespace ?? '',
    name: m.name,
    gatewayClassName: str(spec(raw).gatewayClassName) ?? '',
    accepted: conditionState(conds, 'Accepted'),
    programmed: conditionState(conds, 'Programmed'),
  };
}

type Parent = {
  name: string;
  namespace?: string;
  accepted: boolean | 'unknown';
};

/**
 * Parents as the status reports them (with acceptance); parents only named in
 * the spec and not yet in the status are listed with `accepted: 'unknown'`.
 * GAIE v1alpha2 pools spell the status list `parent`.
 */
function parents(raw: unknown): Parent[] {
  const st = status(raw);
  const out: Parent[] = [];
  for (const p of [...arr(st.parents), ...arr(st.parent)]) {
    const ref = obj(obj(p).parentRef);
    const name = str(ref.name);
    if (!name) continue;
    const parent: Parent = {
      name,
      accepted: conditionState(conditions(p), 'Accepted'),
    };
    if (str(ref.namespace)) parent.namespace = str(ref.namespace);
    out.push(parent);
  }
  for (const r of arr(spec(raw).parentRefs)) {
    const ref = obj(r);
    const name = str(ref.name);
    if (
      !name ||
      out.some(p => p.name === name && p.namespace === str(ref.namespace))
    )
      continue;
    const parent: Parent = { name, accepted: 'unknown' };
    if (str(ref.namespace)) parent.namespace = str(ref.namespace);
    out.push(parent);
  }
  return out;
}

export function normalizeHttpRoute(raw: unknown): HttpRouteSummary {
  const m = meta(raw);
  const rules = arr(spec(raw).rules).map(r => obj(r));
  const backendRefs: HttpRouteSummary['backendRefs'] = [];
  let hasWeightedBackends = false;
  for (const rule of rules) {
    const refs = arr(rule.backendRefs).map(b => obj(b));
    // Traffic splitting: several backends in one rule, weighted.
    if (refs.length > 1 && refs.some(b => num(b.weight) !== undefined)) {
      hasWeightedBackends = true;
    }
    for (const b of refs) {
      const name = str(b.name);
      if (!name) continue;
      const ref: HttpRouteSummary['backendRefs'][number] = { name };
      if (str(b.group) !== undefined) ref.group = str(b.group);
      if (str(b.kind)) ref.kind = str(b.kind);
      if (str(b.namespace)) ref.namespace = str(b.namespace);
      if (num(b.weight) !== undefined) ref.weight = num(b.weight);
      backendRefs.push(ref);
    }
  }
  return {
    namespace: m.namespace ?? '',
    name: m.name,
    parents: parents(raw),
    backendRefs,
    hasWeightedBackends,
    hasHeaderMatches: rules.some(rule =>
      arr(rule.matches).some(match => arr(obj(match).headers).length > 0),
    ),
  };
}

/**
 * An InferencePool of `inference.networking.k8s.io/v1` (selector.matchLabels,
 * targetPorts, endpointPickerRef) or `inference.networking.x-k8s.io/v1alpha2`
 * (selector map, targetPortNumber, extensionRef).
 */
export function normalizeInferencePool(
  raw: unknown,
  fallbackApiVersion: string,
): InferencePoolSummary {
  const m = meta(raw);
  const s = spec(raw);
  const selectorRaw = obj(s.selector);
  const selector =
    'matchLabels' in selectorRaw
      ? strMap(selectorRaw.matchLabels)
      : strMap(selectorRaw);
  const targetPorts = arr(s.targetPorts)
    .map(p => num(obj(p).number))
    .filter((p): p is number => p !== undefined);
  if (num(s.targetPortNumber) !== undefined)
    targetPorts.push(num(s.targetPortNumber)!);
  const summary: InferencePoolSummary = {
    apiVersion: apiVersionOf(raw, fallbackApiVersion),
    namespace: m.namespace ?? '',
    name: m.name,
    selector,
    targetPorts,
    parents: parents(raw),
  };
  const picker = obj(s.endpointPickerRef ?? s.extensionRef);
  if (str(picker.name)) {
    const port = num(obj(picker.port).number) ?? num(picker.portNumber);
    summary.endpointPicker =
      port !== undefined
        ? { name: str(picker.name)!, port }
        : { name: str(picker.name)! };
  }
  return summary;
}
