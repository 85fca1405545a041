/**
 * Fault injection rules: parsing/validation (pure) and a small engine that decides, per request,
 * which rules apply (latency adds up; the first other matching rule decides the response).
 */
import { parseAllDocuments } from 'yaml';
import type { FaultKind, FaultRule, FaultVerb } from '../types';

export const FAULT_KINDS: FaultKind[] = [
  'latency',
  'status',
  'hang',
  'truncate',
  'invalid-json',
  'refuse',
];
const VERBS: FaultVerb[] = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  '*',
];
const KEYS = new Set([
  'cluster',
  'resource',
  'verb',
  'kind',
  'latencyMs',
  'status',
  'message',
  'retryAfterSeconds',
  'times',
  'probability',
]);

export class FaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRuleError';
  }
}

/** Validates one rule; `where` prefixes error messages (e.g. `faults[2]`). */
export function validateFaultRule(input: unknown, where = 'fault'): FaultRule {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new FaultRuleError(
      `${where}: expected an object with at least "kind"`,
    );
  }
  const r = input as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!KEYS.has(k)) {
      throw new FaultRuleError(
        `${where}: unknown field "${k}" (allowed: ${[...KEYS].join(', ')})`,
      );
    }
  }
  if (!FAULT_KINDS.includes(r.kind as FaultKind)) {
    throw new FaultRuleError(
      `${where}.kind: must be one of ${FAULT_KINDS.join(
        ', ',
      )}, got ${JSON.stringify(r.kind)}`,
    );
  }
  const str = (k: string) => {
    if (r[k] !== undefined && (typeof r[k] !== 'string' || r[k] === '')) {
      throw new FaultRuleError(`${where}.${k}: must be a non-empty string`);
    }
  };
  const num = (k: string, min: number, max = Infinity, integer = false) => {
    const v = r[k];
    if (v === undefined) return;
    if (
      typeof v !== 'number' ||
      Number.isNaN(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      throw new FaultRuleError(
        `${where}.${k}: must be ${
          integer ? 'an integer' : 'a number'
        } between ${min} and ${max}, got ${JSON.stringify(v)}`,
      );
    }
  };
  str('cluster');
  str('resource');
  str('message');
  if (r.verb !== undefined && !VERBS.includes(r.verb as FaultVerb)) {
    throw new FaultRuleError(
      `${where}.verb: must be one of ${VERBS.join(', ')}, got ${JSON.stringify(
        r.verb,
      )}`,
    );
  }
  num('latencyMs', 0, 3_600_000);
  num('status', 100, 599, true);
  num('retryAfterSeconds', 0, 86400, true);
  num('times', 1, Number.MAX_SAFE_INTEGER, true);
  num('probability', 0, 1);
  if (r.kind === 'latency' && r.latencyMs === undefined) {
    throw new FaultRuleError(`${where}: a latency fault needs latencyMs`);
  }
  if (r.kind === 'status' && r.status === undefined) {
    throw new FaultRuleError(
      `${where}: a status fault needs status (e.g. 403, 429, 500)`,
    );
  }
  return { ...(r as FaultRule) };
}

/** Parses a fault file (YAML or JSON): a list of rules, or `{faults: [...]}`. */
export function parseFaultFile(
  text: string,
  file = 'faults file',
): FaultRule[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0) {
    return [];
  }
  if (list.length !== 1) {
    throw new FaultRuleError(
      `${file}: expected exactly one YAML/JSON document, found ${list.length}`,
    );
  }
  if (list[0].errors.length) {
    throw new FaultRuleError(
      `${file}: invalid YAML/JSON: ${list[0].errors[0].message}`,
    );
  }
  return parseFaultRules(list[0].toJS(), file);
}

/** Accepts a rule list, `{faults: [...]}` or a single rule object. */
export function parseFaultRules(value: unknown, where = 'faults'): FaultRule[] {
  if (value === null || value === undefined) {
    return [];
  }
  let rules: unknown = value;
  if (
    !Array.isArray(value) &&
    typeof value === 'object' &&
    'faults' in (value as object)
  ) {
    rules = (value as { faults: unknown }).faults ?? [];
  } else if (
    !Array.isArray(value) &&
    typeof value === 'object' &&
    'kind' in (value as object)
  ) {
    rules = [value];
  }
  if (!Array.isArray(rules)) {
    throw new FaultRuleError(
      `${where}: expected a list of fault rules or {faults: [...]}`,
    );
  }
  return rules.map((r, i) => validateFaultRule(r, `${where}[${i}]`));
}

export interface FaultRequest {
  cluster: string;
  /** Plural resource, undefined for discovery, /version and health endpoints. */
  resource?: string;
  verb: Exclude<FaultVerb, '*'>;
}

export interface FaultDecision {
  latencyMs: number;
  /** The response-changing rule, if any (status, hang, truncate, invalid-json). */
  action?: FaultRule;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export function ruleMatches(rule: FaultRule, req: FaultRequest): boolean {
  if (rule.cluster && rule.cluster !== '*' && rule.cluster !== req.cluster)
    return false;
  if (rule.resource && rule.resource !== '*' && rule.resource !== req.resource)
    return false;
  if (rule.verb && rule.verb !== '*' && rule.verb !== req.verb) return false;
  return true;
}

export class FaultEngine {
  private rules: ActiveRule[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    rules: FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {
    this.set(rules);
  }

  /** Called whenever rules change (the simulator opens/closes listeners for `refuse`). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r, i) => {
      const rule = validateFaultRule(r, `faults[${i}]`);
      return { rule, remaining: rule.times ?? Infinity };
    });
    this.changed();
  }

  add(rule: FaultRule): void {
    const valid = validateFaultRule(rule);
    this.rules.push({ rule: valid, remaining: valid.times ?? Infinity });
    this.changed();
  }

  clear(): void {
    this.rules = [];
    this.changed();
  }

  /** Active rules with `times` replaced by what is left. */
  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
    );
  }

  /** Whether a cluster's listener must be closed. */
  refuses(cluster: string): boolean {
    return this.rules.some(
      ({ rule }) =>
        rule.kind === 'refuse' &&
        (!rule.cluster || rule.cluster === '*' || rule.cluster === cluster),
    );
  }

  /** Decides the faults of one request and uses up `times` of the rules that apply. */
  evaluate(req: FaultRequest): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    let exhausted = false;
    for (const active of this.rules) {
      const { rule } = active;
      if (
        rule.kind === 'refuse' ||
        active.remaining <= 0 ||
        !ruleMatches(rule, req)
      ) {
        continue;
      }
      if (rule.kind !== 'latency' && decision.action) {
        continue;
      }
      if (rule.probability !== undefined && this.random() >= rule.probability) {
        continue;
      }
      if (rule.kind === 'latency') {
        decision.latencyMs += rule.latencyMs ?? 0;
      } else {
        decision.action = rule;
      }
      active.remaining--;
      exhausted ||= active.remaining <= 0;
    }
    if (exhausted) {
      this.rules = this.rules.filter(r => r.remaining > 0);
      this.changed();
    }
    return decision;
  }
}
