import { Entity } from '@backstage/catalog-model';
import {
  AI_PLATFORM_API_VERSION,
  MODEL_FORMATS,
  MODEL_KIND,
  MODEL_MODALITIES,
  MODEL_PRECISIONS,
  MODEL_TYPES,
  ModelFormat,
  ModelModality,
  ModelPrecision,
  ModelType,
} from './constants';
import {
  DATE_TIME_PATTERN,
  DIGEST_PATTERN,
  DISCOVERED_ENTITY_CONDITION,
  LANGUAGE_PATTERN,
  NON_BLANK_PATTERN,
  PARAMETERS_PATTERN,
  QUANTIZATION_PATTERN,
  SOURCE_URI_PATTERN,
} from './patterns';

/**
 * A model artifact: where its weights live, what it is, and what it needs
 * to run.
 *
 * Mapping to the CNCF ModelPack config (`application/vnd.cncf.model.config.v1+json`,
 * model-spec v0.0.7), so a Model can be filled from a ModelPack artifact and
 * back:
 *
 * | Model (`spec.`)            | ModelPack                                   |
 * |----------------------------|---------------------------------------------|
 * | `source.uri` (`oci://`)    | the artifact reference                      |
 * | `source.digest`            | the manifest digest                         |
 * | `format`                   | `config.format` (`pt` is `pytorch` here)    |
 * | `architecture`             | `config.architecture`                       |
 * | `parameters`               | `config.paramSize` (`8b` or `8B`)           |
 * | `precision`                | `config.precision` (`float16` is `fp16`, `bfloat16` is `bf16`) |
 * | `quantization`             | `config.quantization`                       |
 * | `license`                  | `descriptor.licenses[0]` (SPDX)             |
 * | `capabilities.*`           | `config.capabilities.*` (same names)        |
 * | `versions[].name`          | `descriptor.version`                        |
 * | `versions[].createdAt`     | `descriptor.createdAt`                      |
 * | `metadata.title`/`description` | `descriptor.title`/`description`       |
 *
 * `type`, `contextLength` and `resources` have no ModelPack counterpart;
 * they are what a platform needs to place the model on GPUs.
 *
 * @public
 */
export interface ModelEntityV1alpha1 extends Entity {
  apiVersion: typeof AI_PLATFORM_API_VERSION;
  kind: typeof MODEL_KIND;
  spec: ModelSpec;
}

/**
 * The spec of a Model. Models written by hand must give every field not
 * marked optional in the schema; Models the discovery provider creates for
 * served models nobody declared carry only what a cluster tells
 * (`type`, `lifecycle`, `owner`, `source` when known).
 *
 * @public
 */
export type ModelSpec = {
  type: ModelType;
  lifecycle: string;
  /** Entity ref of the owning Group or User. */
  owner: string;
  /** Entity ref of the System the model belongs to. */
  system?: string;
  /** The current version's artifact. */
  source?: ModelSource;
  format?: ModelFormat;
  /** e.g. `transformer`, `mixture-of-experts`, `diffusion`. */
  architecture?: string;
  /** Parameter count such as `32B`, `7.6B`, `500M`; MoE models may say `30B-A3B`. */
  parameters?: string;
  precision?: ModelPrecision;
  /** e.g. `awq`, `gptq`, `q4_k_m`. */
  quantization?: string;
  /** SPDX identifier or expression, e.g. `Apache-2.0`, `llama3.1`. */
  license?: string;
  /** Maximum context window in tokens. */
  contextLength?: number;
  resources?: ModelResources;
  /** Earlier and current versions, newest first. */
  versions?: ModelVersion[];
  capabilities?: ModelCapabilities;
};

/** @public */
export type ModelSource = {
  /** `oci://`, `hf://`, `s3://`, `gs://`, `pvc://` or `https://`. */
  uri: string;
  /** `sha256:<64 hex>` of the artifact (OCI manifest digest for `oci://`). */
  digest?: string;
};

/** What one replica needs. @public */
export type ModelResources = {
  /** Total accelerator memory one replica needs (weights, KV cache, activations), in GiB. */
  gpuMemoryGiB: number;
  /** Accelerators per replica the owners recommend (tensor parallelism). */
  recommendedGpus: number;
  /** Smallest memory per device that works, in GiB. */
  minGpuMemoryGiBPerDevice?: number;
};

/** @public */
export type ModelVersion = {
  name: string;
  source: ModelSource;
  /** ISO 8601 date or date-time. */
  createdAt?: string;
};

/** ModelPack `config.capabilities`. @public */
export type ModelCapabilities = {
  inputTypes?: ModelModality[];
  outputTypes?: ModelModality[];
  toolUsage?: boolean;
  reasoning?: boolean;
  /** ISO 639 codes, e.g. `en`, `zh`. */
  languages?: string[];
};

const sourceSchema = {
  type: 'object',
  required: ['uri'],
  properties: {
    uri: {
      type: 'string',
      description:
        'Where the weights are: oci://, hf://, s3://, gs://, pvc:// or https://.',
      examples: [
        'hf://Qwen/Qwen3-32B',
        'oci://registry.example.com/models/llama-3.1-8b-instruct:fp8',
      ],
      pattern: SOURCE_URI_PATTERN,
    },
    digest: {
      type: 'string',
      description: 'Content digest of the artifact, sha256:<64 hex digits>.',
      pattern: DIGEST_PATTERN,
    },
  },
} as const;

const modalities = {
  type: 'array',
  items: { type: 'string', enum: [...MODEL_MODALITIES] },
} as const;

/** Fields every Model written by hand must have. @public */
export const MODEL_DECLARED_REQUIRED_FIELDS = [
  'source',
  'format',
  'architecture',
  'parameters',
  'precision',
  'license',
  'resources',
] as const;

/**
 * The kind-specific part of the schema, without the `Entity` envelope
 * reference, so it can be compiled on its own.
 *
 * @public
 */
export const modelKindSchemaPart = {
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { enum: [AI_PLATFORM_API_VERSION] },
    kind: { enum: [MODEL_KIND] },
    spec: {
      type: 'object',
      required: ['type', 'lifecycle', 'owner'],
      properties: {
        type: {
          type: 'string',
          description: 'What the model does.',
          enum: [...MODEL_TYPES],
        },
        lifecycle: {
          type: 'string',
          description: 'Lifecycle state, e.g. experimental, production.',
          examples: ['experimental', 'production', 'deprecated'],
          minLength: 1,
        },
        owner: {
          type: 'string',
          description: 'Entity ref of the owning Group or User.',
          minLength: 1,
        },
        system: {
          type: 'string',
          description: 'Entity ref of the System the model is part of.',
          minLength: 1,
        },
        source: sourceSchema,
        format: {
          type: 'string',
          description: 'Weight file format (ModelPack config.format).',
          enum: [...MODEL_FORMATS],
        },
        architecture: {
          type: 'string',
          description: 'Model architecture (ModelPack config.architecture).',
          examples: ['transformer', 'mixture-of-experts'],
          minLength: 1,
        },
        parameters: {
          type: 'string',
          description: 'Parameter count (ModelPack config.paramSize).',
          examples: ['32B', '7.6B', '500M', '30B-A3B'],
          pattern: PARAMETERS_PATTERN,
        },
        precision: {
          type: 'string',
          description: 'Numeric precision of the weights.',
          enum: [...MODEL_PRECISIONS],
        },
        quantization: {
          type: 'string',
          description: 'Quantization method, when quantized.',
          examples: ['awq', 'gptq', 'q4_k_m'],
          pattern: QUANTIZATION_PATTERN,
        },
        license: {
          type: 'string',
          description: 'SPDX license identifier or expression.',
          examples: ['Apache-2.0', 'MIT', 'llama3.1'],
          pattern: NON_BLANK_PATTERN,
        },
        contextLength: {
          type: 'integer',
          description: 'Maximum context window in tokens.',
          minimum: 1,
        },
        resources: {
          type: 'object',
          required: ['gpuMemoryGiB', 'recommendedGpus'],
          properties: {
            gpuMemoryGiB: {
              type: 'number',
              description:
                'Accelerator memory one replica needs, in GiB (weights, KV cache, activations).',
              exclusiveMinimum: 0,
            },
            recommendedGpus: {
              type: 'integer',
              description: 'Accelerators per replica.',
              minimum: 1,
            },
            minGpuMemoryGiBPerDevice: {
              type: 'number',
              description: 'Smallest memory per device that works, in GiB.',
              exclusiveMinimum: 0,
            },
          },
        },
        versions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'source'],
            properties: {
              name: { type: 'string', minLength: 1 },
              source: sourceSchema,
              createdAt: { type: 'string', pattern: DATE_TIME_PATTERN },
            },
          },
        },
        capabilities: {
          type: 'object',
          properties: {
            inputTypes: modalities,
            outputTypes: modalities,
            toolUsage: { type: 'boolean' },
            reasoning: { type: 'boolean' },
            languages: {
              type: 'array',
              items: { type: 'string', pattern: LANGUAGE_PATTERN },
            },
          },
        },
      },
    },
  },
  // Models the discovery provider creates carry only what clusters say;
  // everything else must say what the artifact is and what it needs.
  if: DISCOVERED_ENTITY_CONDITION,
  else: {
    type: 'object',
    properties: {
      spec: { type: 'object', required: [...MODEL_DECLARED_REQUIRED_FIELDS] },
    },
  },
} as const;

/**
 * JSON Schema (draft-07) of the Model kind, in the style of
 * `@backstage/catalog-model`'s kind schemas: use it with
 * `entityKindSchemaValidator`.
 *
 * @public
 */
export const modelEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'ModelV1alpha1',
  description:
    'A Model is a model artifact (weights) and its versions: what it is, where it is stored, its license and what it needs to run.',
  examples: [
    {
      apiVersion: AI_PLATFORM_API_VERSION,
      kind: MODEL_KIND,
      metadata: { name: 'qwen3-32b', title: 'Qwen3 32B' },
      spec: {
        type: 'llm',
        lifecycle: 'production',
        owner: 'group:default/applied-ai',
        source: { uri: 'hf://Qwen/Qwen3-32B' },
        format: 'safetensors',
        architecture: 'transformer',
        parameters: '32B',
        precision: 'bf16',
        license: 'Apache-2.0',
        contextLength: 32768,
        resources: { gpuMemoryGiB: 80, recommendedGpus: 1 },
      },
    },
  ],
  allOf: [{ $ref: 'Entity' }, modelKindSchemaPart],
};

/**
 * True for entities of kind Model in the ai-platform.dev group.
 *
 * @public
 */
export function isModelEntity(entity: Entity): entity is ModelEntityV1alpha1 {
  return (
    entity.apiVersion === AI_PLATFORM_API_VERSION &&
    entity.kind?.toLocaleLowerCase('en-US') === 'model'
  );
}
