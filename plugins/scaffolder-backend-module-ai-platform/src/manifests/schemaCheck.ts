import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { JsonSchema, PATTERN_WORDING } from './schemas/building';
import { coreKindSchemas } from './schemas/core';
import { crdKindSchemas } from './schemas/crds';

/** Every kind the validator has a schema for, by `apiVersion/kind`. */
export const KIND_SCHEMAS: Record<string, JsonSchema> = {
  ...coreKindSchemas,
  ...crdKindSchemas,
};

/** `Deployment` → `['apps/v1']`, to tell "wrong apiVersion" from "unknown kind". */
export const API_VERSIONS_BY_KIND: Record<string, string[]> = {};
for (const key of Object.keys(KIND_SCHEMAS)) {
  const slash = key.lastIndexOf('/');
  const kind = key.slice(slash + 1);
  (API_VERSIONS_BY_KIND[kind] ??= []).push(key.slice(0, slash));
}

const ajv = new Ajv({
  allErrors: true,
  allowUnionTypes: true,
  verbose: true,
  strict: true,
});
// Our own wording for composite constraints (a volume's single source, ...).
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });

const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction | undefined {
  let fn = compiled.get(key);
  if (!fn && KIND_SCHEMAS[key]) {
    fn = ajv.compile(KIND_SCHEMAS[key]);
    compiled.set(key, fn);
  }
  return fn;
}

/** `/spec/containers/0/resources/limits/nvidia.com~1gpu` → `spec.containers[0].resources.limits["nvidia.com/gpu"]`. */
export function jsonPath(segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(
      value.length > 60 ? `${value.slice(0, 57)}...` : value,
    );
  }
  return String(value);
}

function typeWords(type: unknown): string {
  const names = [type].flat().map(t => {
    switch (t) {
      case 'object':
        return 'a mapping';
      case 'array':
        return 'a list';
      case 'integer':
        return 'a whole number';
      case 'number':
        return 'a number';
      case 'boolean':
        return 'true or false';
      case 'null':
        return 'null';
      default:
        return `a ${t}`;
    }
  });
  return names.join(' or ');
}

/** One AJV error as a field path and a sentence; `undefined` for noise. */
function explain(
  error: ErrorObject,
): { path: string; message: string } | undefined {
  const segments: string[] = pointerSegments(error.instancePath);
  const params = error.params as Record<string, any>;
  const custom = (error.parentSchema as JsonSchema | undefined)?.[
    'x-message'
  ] as string | undefined;
  const got = ` (got ${describe(error.data)})`;
  switch (error.keyword) {
    case 'required':
      return {
        path: jsonPath([...segments, params.missingProperty]),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: jsonPath([...segments, params.additionalProperty]),
        message: `is not a known field here${
          segments.length ? ` (${jsonPath(segments)})` : ''
        }; check the spelling and the indentation`,
      };
    case 'type':
      return {
        path: jsonPath(segments),
        message: `must be ${typeWords(params.type)}${got}`,
      };
    case 'enum':
      return {
        path: jsonPath(segments),
        message: `must be one of ${(params.allowedValues as unknown[])
          .map(v => String(v))
          .join(', ')}${got}`,
      };
    case 'pattern': {
      const wording = PATTERN_WORDING[params.pattern as string];
      if (error.propertyName !== undefined) {
        return {
          path: jsonPath([...segments, error.propertyName]),
          message: `is not a valid key: must be ${
            wording ?? `matching ${params.pattern}`
          }`,
        };
      }
      return {
        path: jsonPath(segments),
        message: `must be ${wording ?? `matching ${params.pattern}`}${got}`,
      };
    }
    case 'maxLength':
      if (error.propertyName !== undefined) {
        return {
          path: jsonPath([...segments, error.propertyName]),
          message: `is too long a key (at most ${params.limit} characters)`,
        };
      }
      return {
        path: jsonPath(segments),
        message: `must be at most ${params.limit} characters (got ${
          String(error.data).length
        })`,
      };
    case 'minLength':
      return { path: jsonPath(segments), message: 'must not be empty' };
    case 'minimum':
    case 'maximum':
      return {
        path: jsonPath(segments),
        message: `must be ${
          error.keyword === 'minimum' ? 'at least' : 'at most'
        } ${params.limit}${got}`,
      };
    case 'minItems':
      return {
        path: jsonPath(segments),
        message: `must have at least ${params.limit} item${
          params.limit === 1 ? '' : 's'
        }`,
      };
    case 'maxItems':
      return {
        path: jsonPath(segments),
        message: `must have at most ${params.limit} items`,
      };
    case 'minProperties':
    case 'maxProperties':
      return {
        path: jsonPath(segments),
        message:
          custom ??
          `must have ${
            error.keyword === 'minProperties' ? 'at least' : 'at most'
          } ${params.limit} fields`,
      };
    case 'propertyNames':
      // The inner error (with propertyName) says what is wrong with the key.
      return undefined;
    default:
      return {
        path: jsonPath(segments),
        message: error.message ?? 'is invalid',
      };
  }
}

/**
 * Checks one object against the schema of its kind. Returns `undefined`
 * when there is no schema for `apiVersion/kind`.
 */
export function checkAgainstSchema(
  apiVersion: string,
  kind: string,
  value: unknown,
): { path: string; message: string }[] | undefined {
  const validate = validatorFor(`${apiVersion}/${kind}`);
  if (!validate) return undefined;
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  for (const error of validate.errors ?? []) {
    const problem = explain(error);
    if (!problem) continue;
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
