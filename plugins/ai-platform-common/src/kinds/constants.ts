/** The apiVersion of the Model and Agent kinds. @public */
export const AI_PLATFORM_API_VERSION = 'ai-platform.dev/v1alpha1';

/** @public */
export const MODEL_KIND = 'Model';
/** @public */
export const AGENT_KIND = 'Agent';

/** `Component` `spec.type` of a deployment that serves a model. @public */
export const MODEL_SERVER_COMPONENT_TYPE = 'model-server';
/** `API` `spec.type` of an MCP server (the upstream convention). @public */
export const MCP_SERVER_API_TYPE = 'mcp-server';
/** `Resource` `spec.type` of a Kubernetes cluster (the upstream convention). @public */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/** @public */
export const MODEL_TYPES = [
  'llm',
  'embedding',
  'reranker',
  'vision',
  'speech',
  'other',
] as const;
/** @public */
export type ModelType = (typeof MODEL_TYPES)[number];

/**
 * Where model artifacts can live. These are the schemes KServe's storage
 * initializer and llm-d's `modelArtifacts.uri` understand, minus the
 * insecure and niche ones.
 *
 * @public
 */
export const MODEL_SOURCE_SCHEMES = [
  'oci://',
  'hf://',
  's3://',
  'gs://',
  'pvc://',
  'https://',
] as const;

/**
 * Weight file formats. The names follow the CNCF ModelPack `config.format`
 * values where ModelPack has one (`safetensors`, `gguf`, `onnx`); ModelPack's
 * `pt` is spelled `pytorch` here.
 *
 * @public
 */
export const MODEL_FORMATS = [
  'safetensors',
  'gguf',
  'pytorch',
  'onnx',
  'tensorrt',
  'openvino',
  'tensorflow',
  'mlx',
  'other',
] as const;
/** @public */
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Numeric precision of the weights (ModelPack `config.precision`, shortened). @public */
export const MODEL_PRECISIONS = [
  'bf16',
  'fp16',
  'fp8',
  'fp32',
  'int8',
  'int4',
] as const;
/** @public */
export type ModelPrecision = (typeof MODEL_PRECISIONS)[number];

/** Input and output modalities (ModelPack `config.capabilities.inputTypes/outputTypes`). @public */
export const MODEL_MODALITIES = [
  'text',
  'image',
  'audio',
  'video',
  'embedding',
  'other',
] as const;
/** @public */
export type ModelModality = (typeof MODEL_MODALITIES)[number];

/** @public */
export const AGENT_TYPES = ['chat', 'task', 'workflow', 'other'] as const;
/** @public */
export type AgentType = (typeof AGENT_TYPES)[number];

/** @public */
export const AGENT_RUNTIMES = [
  'kagent',
  'dapr-agents',
  'langgraph',
  'custom',
] as const;
/** @public */
export type AgentRuntime = (typeof AGENT_RUNTIMES)[number];
