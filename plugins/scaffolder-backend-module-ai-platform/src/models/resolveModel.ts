import {
  AI_PLATFORM_ANNOTATIONS,
  isModelEntity,
  ModelEntityV1alpha1,
} from '@ai-platform/plugin-ai-platform-common';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { gpuNeeds, GpuNeeds } from './gpuNeeds';
import { ModelSource, parseModelSource, toDnsLabel } from './modelSource';
import { planStaging, ServingStack, StagingMode, StagingPlan } from './staging';

/** What later steps need to know about the model to serve. */
export interface ResolvedModel {
  /** `model:default/qwen3-32b`, when it came from the catalog. */
  entityRef?: string;
  /** A DNS-1123 label to start names from. */
  name: string;
  title: string;
  source: ModelSource;
  digest?: string;
  /** The name the server announces (`--served-model-name`, KServe `--model_name`). */
  servedModelName: string;
  format?: string;
  architecture?: string;
  parameters?: string;
  precision?: string;
  quantization?: string;
  license?: string;
  contextLength?: number;
  gpu: GpuNeeds;
  staging?: StagingPlan;
}

export interface ResolveModelRequest {
  /** A Model entity ref (`model:default/qwen3-32b`, or `qwen3-32b`). */
  model?: string;
  /** A source URI, when the model is not in the catalog. */
  sourceUri?: string;
  stack?: ServingStack;
  staging?: StagingMode;
  /** Names the PVC a `pvc` staging creates (`<serverName>-models`). */
  serverName?: string;
  gpuCount?: number;
  minGpuMemoryGiB?: number;
}

/** Reads one entity by ref, as the catalog client does with a user token. */
export type EntityLookup = (ref: string) => Promise<Entity | undefined>;

function kindArticle(kind: string) {
  return /^[aeiou]/i.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * A Model entity ref, or a source URI, turned into what serving needs:
 * where the weights are, how they are staged, and the GPUs one replica
 * needs. Errors name the ref and what is wrong with it.
 */
export async function resolveModel(
  request: ResolveModelRequest,
  lookup: EntityLookup,
): Promise<ResolvedModel> {
  const { model, sourceUri } = request;
  if (!model === !sourceUri) {
    throw new InputError(
      model
        ? 'Give either a Model entity ref or a source URI, not both'
        : 'Give a Model entity ref (model) or a source URI (sourceUri)',
    );
  }

  let resolved: Omit<ResolvedModel, 'gpu' | 'staging'>;
  let resources: ModelEntityV1alpha1['spec']['resources'];
  let what: string;

  if (model) {
    let ref;
    try {
      ref = parseEntityRef(model, {
        defaultKind: 'Model',
        defaultNamespace: 'default',
      });
    } catch (error) {
      throw new InputError(
        `"${model}" is not an entity ref like model:default/qwen3-32b: ${
          (error as Error).message
        }`,
      );
    }
    const entityRef = stringifyEntityRef(ref);
    const entity = await lookup(entityRef);
    if (!entity) {
      throw new NotFoundError(`There is no ${entityRef} in the catalog`);
    }
    if (!isModelEntity(entity)) {
      throw new InputError(
        `${entityRef} is ${kindArticle(entity.kind)} (${
          entity.apiVersion
        }), not a Model (ai-platform.dev/v1alpha1); pick a Model`,
      );
    }
    what = `Model ${entityRef}`;
    const spec = entity.spec;
    if (!spec.source?.uri) {
      throw new InputError(
        `${what} does not say where its weights are (spec.source.uri); add the source to the Model or enter a source URI instead`,
      );
    }
    const source = parseModelSource(spec.source.uri);
    const modelId =
      entity.metadata.annotations?.[AI_PLATFORM_ANNOTATIONS.modelId] ??
      source.hfRepo ??
      entity.metadata.name;
    resources = spec.resources;
    resolved = {
      entityRef,
      name: toDnsLabel(entity.metadata.name),
      title: entity.metadata.title ?? entity.metadata.name,
      source,
      digest: spec.source.digest,
      servedModelName: modelId,
      format: spec.format,
      architecture: spec.architecture,
      parameters: spec.parameters,
      precision: spec.precision,
      quantization: spec.quantization,
      license: spec.license,
      contextLength: spec.contextLength,
    };
  } else {
    const source = parseModelSource(sourceUri!);
    what = `The model at ${source.uri}`;
    resources = undefined;
    resolved = {
      name: toDnsLabel(source.baseName),
      title: source.hfRepo ?? source.baseName,
      source,
      servedModelName: source.hfRepo ?? source.baseName,
    };
  }

  const gpu = gpuNeeds(what, resources, {
    gpuCount: request.gpuCount,
    minGpuMemoryGiB: request.minGpuMemoryGiB,
  });
  let staging: StagingPlan | undefined;
  if (request.staging || request.stack) {
    if (!request.staging || !request.stack) {
      throw new InputError(
        'Give both the serving stack and the model staging to plan how the weights reach the server',
      );
    }
    staging = planStaging(resolved.source, request.staging, request.stack, {
      newClaimName: `${toDnsLabel(request.serverName ?? resolved.name)}-models`,
    });
  }
  return { ...resolved, gpu, ...(staging ? { staging } : {}) };
}
