/**
 * Small builders for the compact JSON Schemas of the Kubernetes kinds the
 * golden paths generate. They cover the fields templates write, with the
 * types and formats the API server enforces; objects are closed
 * (`additionalProperties: false`) so a misspelled field is an error, as it
 * is under `kubectl apply --validate=strict`.
 */

export type JsonSchema = { [key: string]: unknown };

/** RFC 1123 label: names of Services, Namespaces, containers, ports... */
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** RFC 1123 subdomain: names of most objects. */
export const DNS1123_SUBDOMAIN =
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** `prefix/name` or `name`, as label and annotation keys are. */
export const QUALIFIED_NAME =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$';
export const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';
/** A resource quantity written as a string: `1`, `500m`, `24Gi`, `1.5`, `1e3`. */
export const QUANTITY =
  '^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$';
/** IANA service name, as container and Service port names are. */
export const PORT_NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** A Go duration like `30s`, `5m0s`, `1h30m`. */
export const DURATION = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';
export const HTTP_URL = '^https?://\\S+$';

/** Human wording for the patterns above, used in error messages. */
export const PATTERN_WORDING: Record<string, string> = {
  [DNS1123_LABEL]:
    'a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)',
  [DNS1123_SUBDOMAIN]:
    'a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit)',
  [QUALIFIED_NAME]: 'a qualified name like "app" or "example.com/app"',
  [LABEL_VALUE]:
    'a label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)',
  [QUANTITY]: 'a Kubernetes quantity like 1, 500m, 24Gi',
  [DURATION]: 'a duration like 30s, 5m or 1h30m',
  [HTTP_URL]: 'an http:// or https:// URL',
};

export const string = (extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  ...extra,
});
export const nonEmptyString = string({ minLength: 1 });
export const boolean: JsonSchema = { type: 'boolean' };
export const integer = (minimum?: number, maximum?: number): JsonSchema => ({
  type: 'integer',
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
export const anyObject: JsonSchema = { type: 'object' };
export const anyArray: JsonSchema = { type: 'array' };

export const arrayOf = (items: JsonSchema, extra: JsonSchema = {}) => ({
  type: 'array',
  items,
  ...extra,
});

export const mapOf = (values: JsonSchema, keys?: JsonSchema): JsonSchema => ({
  type: 'object',
  ...(keys ? { propertyNames: keys } : {}),
  additionalProperties: values,
});

/** A closed object: unknown fields are errors. */
export const object = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: JsonSchema = {},
): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
  ...extra,
});

export const oneOfStrings = (...values: string[]): JsonSchema => ({
  type: 'string',
  enum: values,
});

/** Names of objects and their parts. */
export const dnsLabel = string({ pattern: DNS1123_LABEL, maxLength: 63 });
export const dnsSubdomain = string({
  pattern: DNS1123_SUBDOMAIN,
  maxLength: 253,
});

/** A quantity: a number, or a string like `24Gi` (patterns only apply to strings). */
export const quantity: JsonSchema = {
  type: ['string', 'number'],
  pattern: QUANTITY,
  minimum: 0,
};
export const intOrString: JsonSchema = {
  type: ['integer', 'string'],
  minLength: 1,
};
export const portNumber = integer(1, 65535);
export const portRef: JsonSchema = {
  type: ['integer', 'string'],
  minimum: 1,
  maximum: 65535,
  pattern: PORT_NAME,
  maxLength: 15,
};
export const duration = string({ pattern: DURATION });
export const httpUrl = string({ pattern: HTTP_URL });

export const labels = mapOf(
  string({ pattern: LABEL_VALUE, maxLength: 63 }),
  string({ pattern: QUALIFIED_NAME, maxLength: 317 }),
);
export const annotations = mapOf(
  { type: 'string' },
  string({ pattern: QUALIFIED_NAME, maxLength: 317 }),
);

const serverSetMetadata: Record<string, JsonSchema> = {
  generateName: nonEmptyString,
  uid: string(),
  resourceVersion: string(),
  generation: integer(0),
  creationTimestamp: { type: ['string', 'null'] },
  deletionTimestamp: string(),
  deletionGracePeriodSeconds: integer(0),
  ownerReferences: arrayOf(anyObject),
  finalizers: arrayOf(nonEmptyString),
  managedFields: anyArray,
  selfLink: string(),
};

/** ObjectMeta of a top-level object: a name is required. */
export function objectMeta(options: { name?: JsonSchema } = {}): JsonSchema {
  return object(
    {
      name: options.name ?? dnsSubdomain,
      namespace: dnsLabel,
      labels,
      annotations,
      ...serverSetMetadata,
    },
    ['name'],
  );
}

/** ObjectMeta inside a template (pod or job templates): no name needed. */
export const templateMeta = object({
  name: dnsSubdomain,
  namespace: dnsLabel,
  labels,
  annotations,
  ...serverSetMetadata,
});

export const labelSelector = object({
  matchLabels: labels,
  matchExpressions: arrayOf(
    object(
      {
        key: string({ pattern: QUALIFIED_NAME }),
        operator: oneOfStrings('In', 'NotIn', 'Exists', 'DoesNotExist'),
        values: arrayOf(string()),
      },
      ['key', 'operator'],
    ),
  ),
});

/**
 * A whole object of one kind: apiVersion, kind, metadata and the spec
 * schema; `status` is accepted and not checked (generated files rarely have
 * one; objects copied from a cluster do).
 */
export function kindSchema(options: {
  apiVersions: string[];
  kind: string;
  spec?: JsonSchema;
  specRequired?: boolean;
  metadata?: JsonSchema;
  /** Other top-level fields of kinds without a spec (ConfigMap `data`, Dapr `scopes`). */
  topLevel?: Record<string, JsonSchema>;
}): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    apiVersion: { type: 'string', enum: options.apiVersions },
    kind: { type: 'string', enum: [options.kind] },
    metadata: options.metadata ?? objectMeta(),
    status: {},
    ...(options.spec ? { spec: options.spec } : {}),
    ...options.topLevel,
  };
  const required = ['apiVersion', 'kind', 'metadata'];
  if (options.spec && options.specRequired !== false) required.push('spec');
  return object(properties, required);
}
