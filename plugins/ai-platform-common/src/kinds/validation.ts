import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { agentKindSchemaPart } from './AgentEntityV1alpha1';
import { MODEL_SOURCE_SCHEMES } from './constants';
import { modelKindSchemaPart } from './ModelEntityV1alpha1';
import {
  DATE_TIME_PATTERN,
  DIGEST_PATTERN,
  LANGUAGE_PATTERN,
  NON_BLANK_PATTERN,
  PARAMETERS_PATTERN,
  QUANTIZATION_PATTERN,
  SOURCE_URI_PATTERN,
} from './patterns';

/**
 * One thing wrong with an entity: the field path (`spec.models[1]`) and what
 * was expected there.
 *
 * @public
 */
export interface KindValidationProblem {
  path: string;
  message: string;
}

/** `spec.source.uri: must use ...; spec.owner: is required`. @public */
export function formatValidationProblems(
  problems: KindValidationProblem[],
): string {
  return problems.map(p => `${p.path}: ${p.message}`).join('; ');
}

const PATTERN_EXPECTATIONS: Record<string, string> = {
  [SOURCE_URI_PATTERN]: `must use one of ${MODEL_SOURCE_SCHEMES.join(', ')}`,
  [DIGEST_PATTERN]: 'must be sha256: followed by 64 lowercase hex digits',
  [PARAMETERS_PATTERN]: 'must be a parameter count like 32B, 7.6B or 500M',
  [QUANTIZATION_PATTERN]: 'must be a quantization name like awq, gptq, q4_k_m',
  [LANGUAGE_PATTERN]: 'must be an ISO 639 language code like en or zh',
  [NON_BLANK_PATTERN]: 'must not be empty',
  [DATE_TIME_PATTERN]:
    'must be an ISO 8601 date or date-time like 2025-04-29 or 2025-04-29T10:00:00Z',
  '^https?://\\S+$': 'must be an http:// or https:// URL',
};

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true });
let modelValidator: ValidateFunction | undefined;
let agentValidator: ValidateFunction | undefined;

function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (child !== undefined) parts.push(child);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}` : part;
  }
  return out || '<root>';
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function typeName(type: string): string {
  if (type === 'array' || type === 'object' || type === 'integer') {
    return `an ${type}`;
  }
  return `a ${type}`;
}

function problemFromAjv(error: ErrorObject): KindValidationProblem | undefined {
  const got = ` (got ${describeValue(error.data)})`;
  switch (error.keyword) {
    case 'if':
      // The "else" branch's own errors say what is missing.
      return undefined;
    case 'required': {
      const missing = (error.params as { missingProperty: string })
        .missingProperty;
      const child = (
        error.parentSchema as
          | { properties?: Record<string, { enum?: unknown[] }> }
          | undefined
      )?.properties?.[missing];
      const hint = child?.enum ? ` (one of ${child.enum.join(', ')})` : '';
      return {
        path: fieldPath(error.instancePath, missing),
        message: `is required${hint}`,
      };
    }
    case 'type':
      return {
        path: fieldPath(error.instancePath),
        message: `must be ${typeName(
          String((error.params as { type: string }).type),
        )}${got}`,
      };
    case 'enum':
      return {
        path: fieldPath(error.instancePath),
        message: `must be one of ${(
          error.params as { allowedValues: unknown[] }
        ).allowedValues.join(', ')}${got}`,
      };
    case 'pattern': {
      const pattern = (error.params as { pattern: string }).pattern;
      const expected = PATTERN_EXPECTATIONS[pattern] ?? `must match ${pattern}`;
      return {
        path: fieldPath(error.instancePath),
        message: `${expected}${got}`,
      };
    }
    case 'minLength':
      return {
        path: fieldPath(error.instancePath),
        message: 'must not be empty',
      };
    case 'minimum':
      return {
        path: fieldPath(error.instancePath),
        message: `must be at least ${
          (error.params as { limit: number }).limit
        }${got}`,
      };
    case 'exclusiveMinimum':
      return {
        path: fieldPath(error.instancePath),
        message: `must be greater than ${
          (error.params as { limit: number }).limit
        }${got}`,
      };
    default:
      return {
        path: fieldPath(error.instancePath),
        message: `${error.message ?? 'is invalid'}${got}`,
      };
  }
}

function schemaProblems(
  validate: ValidateFunction,
  entity: unknown,
): KindValidationProblem[] {
  if (validate(entity)) return [];
  const seen = new Set<string>();
  const problems: KindValidationProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = problemFromAjv(error);
    if (!problem) continue;
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

const entityNames = makeValidator();

/** What a reference field may point to, and how to say so. */
interface RefRule {
  kinds: string[];
  defaultKind: string;
  example: string;
}

const OWNER_RULE: RefRule = {
  kinds: ['group', 'user'],
  defaultKind: 'Group',
  example: 'group:default/applied-ai',
};
const SYSTEM_RULE: RefRule = {
  kinds: ['system'],
  defaultKind: 'System',
  example: 'system:default/inference-platform',
};
const MODEL_RULE: RefRule = {
  kinds: ['model'],
  defaultKind: 'Model',
  example: 'model:default/qwen3-32b',
};
const API_RULE: RefRule = {
  kinds: ['api'],
  defaultKind: 'API',
  example: 'api:default/kagent-tool-server',
};
const CLUSTER_RULE: RefRule = {
  kinds: ['resource'],
  defaultKind: 'Resource',
  example: 'resource:default/h100-prod',
};

function kindList(rule: RefRule): string {
  const names = rule.kinds.map(k =>
    k === 'api' ? 'API' : k[0].toLocaleUpperCase('en-US') + k.slice(1),
  );
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : names[0];
}

/** Checks one entity reference; undefined when it is fine. */
export function checkEntityRef(
  path: string,
  value: unknown,
  rule: RefRule,
): KindValidationProblem | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined; // the schema reports it
  const kinds = kindList(rule);
  const article = /^[AEIOU]/.test(kinds) ? 'an' : 'a';
  const expected = `must be an entity ref to ${article} ${kinds}, like ${rule.example} (got ${value})`;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: rule.defaultKind,
      defaultNamespace: 'default',
    });
    if (
      !rule.kinds.includes(ref.kind.toLocaleLowerCase('en-US')) ||
      !entityNames.isValidEntityName(ref.name) ||
      !entityNames.isValidNamespace(ref.namespace)
    ) {
      return { path, message: expected };
    }
  } catch {
    return { path, message: expected };
  }
  return undefined;
}

function refProblems(
  spec: Record<string, unknown> | undefined,
  fields: Record<string, RefRule>,
  listFields: Record<string, RefRule>,
): KindValidationProblem[] {
  if (!spec || typeof spec !== 'object') return [];
  const problems: KindValidationProblem[] = [];
  for (const [field, rule] of Object.entries(fields)) {
    const problem = checkEntityRef(`spec.${field}`, spec[field], rule);
    if (problem) problems.push(problem);
  }
  for (const [field, rule] of Object.entries(listFields)) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const problem = checkEntityRef(`spec.${field}[${i}]`, item, rule);
      if (problem) problems.push(problem);
    });
  }
  return problems;
}

function specOf(entity: unknown): Record<string, unknown> | undefined {
  const spec = (entity as { spec?: unknown } | null | undefined)?.spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec)
    ? (spec as Record<string, unknown>)
    : undefined;
}

/**
 * Everything wrong with a Model entity, each naming the field path and what
 * was expected; empty when it is valid.
 *
 * @public
 */
export function validateModelEntity(entity: unknown): KindValidationProblem[] {
  modelValidator ??= ajv.compile(modelKindSchemaPart);
  return [
    ...schemaProblems(modelValidator, entity),
    ...refProblems(
      specOf(entity),
      { owner: OWNER_RULE, system: SYSTEM_RULE },
      {},
    ),
  ];
}

/**
 * Everything wrong with an Agent entity; empty when it is valid.
 *
 * @public
 */
export function validateAgentEntity(entity: unknown): KindValidationProblem[] {
  agentValidator ??= ajv.compile(agentKindSchemaPart);
  return [
    ...schemaProblems(agentValidator, entity),
    ...refProblems(
      specOf(entity),
      { owner: OWNER_RULE, system: SYSTEM_RULE },
      { models: MODEL_RULE, tools: API_RULE },
    ),
  ];
}

/**
 * Checks the two fields this product adds to `model-server` Components
 * (`spec.model`, `spec.cluster`); the rest is the upstream Component schema.
 *
 * @public
 */
export function validateModelServerFields(
  entity: unknown,
): KindValidationProblem[] {
  const spec = specOf(entity);
  if (!spec) return [];
  const problems: KindValidationProblem[] = [];
  for (const field of ['model', 'cluster'] as const) {
    if (spec[field] !== undefined && typeof spec[field] !== 'string') {
      problems.push({
        path: `spec.${field}`,
        message: `must be a string (got ${describeValue(spec[field])})`,
      });
    }
  }
  return [
    ...problems,
    ...refProblems(spec, { model: MODEL_RULE, cluster: CLUSTER_RULE }, {}),
  ];
}
