import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogApi } from '@backstage/catalog-client';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveModel } from '../models/resolveModel';
import { SERVING_STACKS, STAGING_MODES } from '../models/staging';
import { initiatorToken } from './initiatorToken';

export const MODEL_RESOLVE_ACTION_ID = 'ai-platform:model:resolve';

/**
 * A Model entity ref (or a source URI) → its source, format, GPU needs and,
 * given a serving stack and staging mode, how the weights reach the
 * server. Read-only, so it runs in dry runs too.
 */
export function createModelResolveAction(options: {
  catalog: CatalogApi;
  auth: AuthService;
}) {
  const { catalog, auth } = options;
  return createTemplateAction({
    id: MODEL_RESOLVE_ACTION_ID,
    description:
      'Resolves a catalog Model (or a model source URI) to its source, format and GPU needs, and checks that the chosen staging (ImageVolume, Modelcar, PVC, download) works for the source and serving stack.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Resolve the Model picked in the form',
        example: `steps:
  - id: model
    name: Resolve the model
    action: ai-platform:model:resolve
    input:
      model: \${{ parameters.model }}
      stack: vllm
      staging: image-volume
      gpuCount: \${{ parameters.gpuCount }}`,
      },
    ],
    schema: {
      input: {
        // Blank counts as absent: templates pass `x if cond` expressions, which render "" when false.
        model: z =>
          z
            .string()
            .describe('Entity ref of a Model, e.g. model:default/qwen3-32b')
            .optional(),
        sourceUri: z =>
          z
            .string()
            .describe(
              'Source URI when the model is not in the catalog (oci://, hf://, s3://, gs://, pvc://, https://)',
            )
            .optional(),
        stack: z => z.enum(SERVING_STACKS).describe('Serving stack').optional(),
        staging: z =>
          z
            .enum(STAGING_MODES)
            .describe('How the weights reach the server')
            .optional(),
        serverName: z =>
          z
            .string()
            .describe(
              'Name of the model server (names the PVC a pvc staging creates)',
            )
            .optional(),
        gpuCount: z =>
          z
            .number()
            .int()
            .min(1)
            .max(64)
            .describe("GPUs per replica; default: the Model's recommendedGpus")
            .optional(),
        minGpuMemoryGiB: z =>
          z
            .number()
            .min(0)
            .describe('Memory per GPU in GiB; raised to what the model needs')
            .optional(),
      },
      output: {
        entityRef: z => z.string().optional(),
        name: z => z.string(),
        title: z => z.string(),
        sourceUri: z => z.string(),
        scheme: z => z.string(),
        digest: z => z.string().optional(),
        imageReference: z => z.string().optional(),
        hfRepo: z => z.string().optional(),
        servedModelName: z => z.string(),
        format: z => z.string().optional(),
        architecture: z => z.string().optional(),
        parameters: z => z.string().optional(),
        precision: z => z.string().optional(),
        quantization: z => z.string().optional(),
        license: z => z.string().optional(),
        contextLength: z => z.number().optional(),
        gpuCount: z => z.number(),
        minGpuMemoryGiB: z => z.number(),
        totalGpuMemoryGiB: z => z.number().optional(),
        gpuSizing: z => z.string(),
        storageUri: z => z.string().optional(),
        modelPath: z => z.string().optional(),
        pvcClaim: z => z.string().optional(),
        createPvc: z => z.boolean().optional(),
        downloadJob: z => z.boolean().optional(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const token = await initiatorToken(auth, ctx, 'catalog');
      const model = await resolveModel(
        {
          ...input,
          model: input.model?.trim() || undefined,
          sourceUri: input.sourceUri?.trim() || undefined,
        },
        ref => catalog.getEntityByRef(ref, { token }),
      );
      ctx.logger.info(
        `${model.entityRef ?? model.source.uri}: ${model.source.uri}; ${
          model.gpu.explanation
        }${model.staging ? `; staged by ${model.staging.mode}` : ''}`,
      );
      const outputs: Record<string, unknown> = {
        entityRef: model.entityRef,
        name: model.name,
        title: model.title,
        sourceUri: model.source.uri,
        scheme: model.source.scheme,
        digest: model.digest,
        imageReference: model.source.imageReference,
        hfRepo: model.source.hfRepo,
        servedModelName: model.servedModelName,
        format: model.format,
        architecture: model.architecture,
        parameters: model.parameters,
        precision: model.precision,
        quantization: model.quantization,
        license: model.license,
        contextLength: model.contextLength,
        gpuCount: model.gpu.count,
        minGpuMemoryGiB: model.gpu.minMemoryGiBPerDevice,
        totalGpuMemoryGiB: model.gpu.totalMemoryGiB,
        gpuSizing: model.gpu.explanation,
        storageUri: model.staging?.storageUri,
        modelPath: model.staging?.modelPath,
        pvcClaim: model.staging?.pvcClaim,
        createPvc: model.staging?.createPvc,
        downloadJob: model.staging?.downloadJob,
      };
      for (const [name, value] of Object.entries(outputs)) {
        if (value !== undefined) ctx.output(name as any, value as any);
      }
    },
  });
}
