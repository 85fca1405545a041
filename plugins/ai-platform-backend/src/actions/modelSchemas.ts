import type { z as zod } from 'zod/v3';

// Output schemas of the catalog tools (models, agents, model servers).

type Z = typeof zod;

export const modelResourcesSchema = (z: Z) =>
  z
    .object({
      gpuMemoryGiB: z
        .number()
        .describe('Accelerator memory one replica needs, GiB'),
      recommendedGpus: z.number().describe('Accelerators per replica'),
      minGpuMemoryGiBPerDevice: z
        .number()
        .optional()
        .describe('Smallest memory per device that works, GiB'),
    })
    .describe('What one replica needs');

export const modelSummarySchema = (z: Z) =>
  z.object({
    ref: z.string().describe('Entity ref, e.g. model:default/qwen3-32b'),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    type: z.string().optional(),
    lifecycle: z.string().optional(),
    owner: z.string().optional(),
    system: z.string().optional(),
    modelId: z
      .string()
      .optional()
      .describe('The id model servers use, e.g. a Hugging Face repo id'),
    source: z.string().optional().describe('Where the weights are'),
    format: z.string().optional(),
    architecture: z.string().optional(),
    parameters: z.string().optional(),
    precision: z.string().optional(),
    quantization: z.string().optional(),
    license: z.string().optional(),
    contextLength: z.number().optional(),
    resources: modelResourcesSchema(z).optional(),
    discovered: z
      .boolean()
      .describe(
        'Created by discovery from a cluster rather than written by hand',
      ),
  });

export const modelServerSchema = (z: Z) =>
  z.object({
    ref: z.string().describe('The model-server Component'),
    title: z.string().optional(),
    lifecycle: z.string().optional(),
    model: z.string().optional(),
    cluster: z.string().optional().describe('Cluster name'),
    clusterRef: z.string().optional(),
    sourceObject: z
      .string()
      .optional()
      .describe('apiVersion/kind/namespace/name of the Kubernetes object'),
  });

export const agentSummarySchema = (z: Z) =>
  z.object({
    ref: z.string().describe('Entity ref, e.g. agent:default/cluster-doctor'),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    type: z.string().optional(),
    runtime: z.string().optional(),
    lifecycle: z.string().optional(),
    owner: z.string().optional(),
    system: z.string().optional(),
    models: z.array(z.string()).describe('Model entity refs it uses'),
    tools: z
      .array(z.string())
      .describe('API entity refs (type mcp-server) it takes tools from'),
    a2aCard: z.string().optional(),
    discovered: z.boolean(),
  });

export const pageInput = (z: Z, defaultLimit: number, maxLimit: number) => ({
  limit: z
    .number()
    .int()
    .min(1)
    .max(maxLimit)
    .default(defaultLimit)
    .describe(`Items per page, 1 to ${maxLimit} (default ${defaultLimit}).`),
  offset: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Items to skip: pass the nextOffset of the previous answer.'),
});
