import {
  AI_PLATFORM_ANNOTATIONS,
  CapacityRequest,
  ModelEntityV1alpha1,
} from '@ai-platform/plugin-ai-platform-common';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** Lower-cased `kind:namespace/name`, for comparing refs however they were written. */
export function refKey(ref: string | CompoundEntityRef): string {
  return (
    typeof ref === 'string' ? ref : stringifyEntityRef(ref)
  ).toLocaleLowerCase('en-US');
}

export function entityKey(entity: Entity): string {
  return refKey(stringifyEntityRef(entity));
}

/** Parses a ref from a spec field; undefined when it is not a valid ref. */
export function parseRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace = 'default',
): CompoundEntityRef | undefined {
  if (typeof ref !== 'string' || !ref.trim()) return undefined;
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
}

/** The collector's name for a cluster entity: its annotation, or else its name. */
export function clusterNameOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[AI_PLATFORM_ANNOTATIONS.clusterName] ??
    entity.metadata.name
  );
}

export function relationTargets(
  entity: Entity,
  type: string,
  kind?: string,
): CompoundEntityRef[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => parseEntityRef(r.targetRef))
    .filter(r => !kind || r.kind.toLocaleLowerCase('en-US') === kind);
}

/** The Model a model-server Component serves: `spec.model`, or its dependsOn relation to a Model. */
export function servedModelRef(
  component: Entity,
): CompoundEntityRef | undefined {
  const spec = component.spec as { model?: unknown } | undefined;
  return (
    parseRef(spec?.model, 'model', component.metadata.namespace ?? 'default') ??
    relationTargets(component, 'dependsOn', 'model')[0]
  );
}

/** Where a model server runs: the cluster Resource it names, and/or the cluster it was discovered in. */
export function serverCluster(component: Entity): {
  resourceRef?: CompoundEntityRef;
  name?: string;
} {
  const spec = component.spec as { cluster?: unknown } | undefined;
  const resourceRef =
    parseRef(
      spec?.cluster,
      'resource',
      component.metadata.namespace ?? 'default',
    ) ?? relationTargets(component, 'dependsOn', 'resource')[0];
  const name =
    component.metadata.annotations?.[AI_PLATFORM_ANNOTATIONS.cluster] ??
    resourceRef?.name;
  return { resourceRef, name };
}

/** The model-server Components among `components` that serve `model`. */
export function serversOf(model: Entity, components: Entity[]): Entity[] {
  const modelKey = entityKey(model);
  const fromModel = new Set(
    relationTargets(model, 'dependencyOf', 'component').map(r => refKey(r)),
  );
  return components.filter(c => {
    if (fromModel.has(entityKey(c))) return true;
    const served = servedModelRef(c);
    return served !== undefined && refKey(served) === modelKey;
  });
}

/**
 * The capacity one replica of a model needs: `recommendedGpus` devices of at
 * least `minGpuMemoryGiBPerDevice`, or else `gpuMemoryGiB / recommendedGpus` GiB each.
 */
export function modelFitRequest(model: Entity): CapacityRequest | undefined {
  const resources = (model as ModelEntityV1alpha1).spec?.resources;
  if (
    !resources ||
    !(resources.recommendedGpus >= 1) ||
    !(resources.gpuMemoryGiB > 0)
  ) {
    return undefined;
  }
  const perDevice =
    resources.minGpuMemoryGiBPerDevice ??
    resources.gpuMemoryGiB / resources.recommendedGpus;
  return {
    count: resources.recommendedGpus,
    minMemoryGiB: Math.round(perDevice * 100) / 100,
  };
}

/** "80 GiB on 1 GPU" from a Model's resources. */
export function describeGpuNeeds(model: Entity): string | undefined {
  const r = (model as ModelEntityV1alpha1).spec?.resources;
  if (!r) return undefined;
  const gpus = `${r.recommendedGpus} GPU${r.recommendedGpus === 1 ? '' : 's'}`;
  const min = r.minGpuMemoryGiBPerDevice
    ? `, at least ${r.minGpuMemoryGiBPerDevice} GiB each`
    : '';
  return `${r.gpuMemoryGiB} GiB on ${gpus}${min}`;
}

export function stringSpec(entity: Entity, field: string): string | undefined {
  const value = (entity.spec as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value ? value : undefined;
}

export function stringListSpec(entity: Entity, field: string): string[] {
  const value = (entity.spec as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}
