import {
  AI_PLATFORM_ANNOTATIONS,
  AgentSpec,
  DISCOVERED_LOCATION_PREFIX,
  MODEL_SERVER_COMPONENT_TYPE,
  ModelSpec,
} from '@ai-platform/plugin-ai-platform-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';

// Catalog reads for the model and agent tools. Every read passes the
// caller's credentials, so the catalog's own permissions decide what the
// caller sees.

/**
 * One page of entities matching `filter`, by name, optionally narrowed by a
 * search in name and title: what the list tools page through.
 */
export function queryEntityPage(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  query: {
    filter: EntityFilterQuery;
    search?: string;
    limit: number;
    offset: number;
  },
) {
  const search = query.search?.trim();
  return catalog.queryEntities(
    {
      filter: query.filter,
      orderFields: { field: 'metadata.name', order: 'asc' },
      ...(search
        ? {
            fullTextFilter: {
              term: search,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      limit: query.limit,
      offset: query.offset,
    },
    { credentials },
  );
}

/** Model servers looked up at once for one page of models. */
const MAX_SERVERS = 500;

function tryParseRef(
  value: string,
  defaultKind: string,
): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

/** An entity ref string in canonical form, or the input when it does not parse. */
export function normalizeRef(
  value: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return value;
  }
}

/**
 * Finds a Model or Agent by entity ref (`model:default/qwen3-32b`), by name
 * in any namespace (`qwen3-32b`), and for models by the id servers use
 * (`Qwen/Qwen3-32B`, the `ai-platform.dev/model-id` annotation).
 */
export async function findEntity(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  kind: 'Model' | 'Agent';
  value: string;
  /** The tool that lists this kind, for the error message. */
  listTool: string;
}): Promise<Entity> {
  const { catalog, credentials, kind, value, listTool } = options;
  const text = value.trim();
  const ref = tryParseRef(text, kind);
  if (
    ref &&
    ref.kind.toLocaleLowerCase('en-US') !== kind.toLocaleLowerCase('en-US')
  ) {
    throw new InputError(
      `"${text}" refers to a ${
        ref.kind
      }, not a ${kind}; pass a ${kind.toLocaleLowerCase(
        'en-US',
      )} entity ref or name`,
    );
  }
  if (ref) {
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (entity) return entity;
  }

  const byName =
    text.includes('/') || text.includes(':')
      ? []
      : (
          await catalog.queryEntities(
            { filter: { kind, 'metadata.name': text }, limit: 10 },
            { credentials },
          )
        ).items;
  const byModelId =
    kind === 'Model' && !byName.length
      ? (
          await catalog.queryEntities(
            {
              filter: {
                kind,
                [`metadata.annotations.${AI_PLATFORM_ANNOTATIONS.modelId}`]:
                  text,
              },
              limit: 10,
            },
            { credentials },
          )
        ).items
      : [];
  const matches = byName.length ? byName : byModelId;
  if (matches.length === 1) return matches[0];
  // A model declared by hand wins over copies discovery made of it.
  const declared = matches.filter(e => !isDiscovered(e));
  if (matches.length > 1 && declared.length === 1) return declared[0];
  if (matches.length > 1) {
    throw new ConflictError(
      `Several ${kind}s match "${text}": ${matches
        .map(e => stringifyEntityRef(e))
        .sort()
        .join(', ')}; pass the full entity ref`,
    );
  }
  throw new NotFoundError(
    `No ${kind} "${text}" in the catalog (or not visible to you); ${listTool} lists them`,
  );
}

export function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      DISCOVERED_LOCATION_PREFIX,
    ) ?? false
  );
}

export interface ModelSummary {
  ref: string;
  name: string;
  title?: string;
  description?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  modelId?: string;
  source?: string;
  format?: string;
  architecture?: string;
  parameters?: string;
  precision?: string;
  quantization?: string;
  license?: string;
  contextLength?: number;
  resources?: {
    gpuMemoryGiB: number;
    recommendedGpus: number;
    minGpuMemoryGiBPerDevice?: number;
  };
  discovered: boolean;
}

function pick<T extends object, K extends keyof T>(
  obj: T,
  keys: K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (obj[key] !== undefined && obj[key] !== null) out[key] = obj[key];
  }
  return out;
}

export function toModelSummary(entity: Entity): ModelSummary {
  const spec = (entity.spec ?? {}) as Partial<ModelSpec>;
  const { title, description, annotations } = entity.metadata;
  const resources = spec.resources;
  return {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...pick(spec, [
      'type',
      'lifecycle',
      'owner',
      'system',
      'format',
      'architecture',
      'parameters',
      'precision',
      'quantization',
      'license',
      'contextLength',
    ]),
    ...(annotations?.[AI_PLATFORM_ANNOTATIONS.modelId]
      ? { modelId: annotations[AI_PLATFORM_ANNOTATIONS.modelId] }
      : {}),
    ...(spec.source?.uri ? { source: spec.source.uri } : {}),
    ...(resources &&
    typeof resources.gpuMemoryGiB === 'number' &&
    typeof resources.recommendedGpus === 'number'
      ? {
          resources: {
            gpuMemoryGiB: resources.gpuMemoryGiB,
            recommendedGpus: resources.recommendedGpus,
            ...(typeof resources.minGpuMemoryGiBPerDevice === 'number'
              ? { minGpuMemoryGiBPerDevice: resources.minGpuMemoryGiBPerDevice }
              : {}),
          },
        }
      : {}),
    discovered: isDiscovered(entity),
  };
}

export interface AgentSummary {
  ref: string;
  name: string;
  title?: string;
  description?: string;
  type?: string;
  runtime?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  models: string[];
  tools: string[];
  a2aCard?: string;
  discovered: boolean;
}

export function toAgentSummary(entity: Entity): AgentSummary {
  const spec = (entity.spec ?? {}) as Partial<AgentSpec>;
  const namespace = entity.metadata.namespace ?? 'default';
  const description = spec.description ?? entity.metadata.description;
  return {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(description ? { description } : {}),
    ...pick(spec, [
      'type',
      'runtime',
      'lifecycle',
      'owner',
      'system',
      'a2aCard',
    ]),
    models: (spec.models ?? []).map(m => normalizeRef(m, 'Model', namespace)),
    tools: (spec.tools ?? []).map(t => normalizeRef(t, 'API', namespace)),
    discovered: isDiscovered(entity),
  };
}

export interface ModelServer {
  ref: string;
  title?: string;
  lifecycle?: string;
  /** The Model it serves. */
  model?: string;
  /** Cluster name as the portal knows it, when the catalog says. */
  cluster?: string;
  clusterRef?: string;
  /** `apiVersion/kind/namespace/name` of the Kubernetes object, for discovered servers. */
  sourceObject?: string;
}

function relationTargets(entity: Entity, type: string, kind: string): string[] {
  return (entity.relations ?? [])
    .filter(
      r =>
        r.type === type &&
        r.targetRef.toLocaleLowerCase('en-US').startsWith(`${kind}:`),
    )
    .map(r => r.targetRef);
}

function toModelServer(entity: Entity): ModelServer {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as {
    lifecycle?: string;
    model?: string;
    cluster?: string;
  };
  const annotations = entity.metadata.annotations ?? {};
  const model =
    relationTargets(entity, RELATION_DEPENDS_ON, 'model')[0] ??
    (spec.model ? normalizeRef(spec.model, 'Model', namespace) : undefined);
  const clusterRef =
    (spec.cluster
      ? normalizeRef(spec.cluster, 'Resource', namespace)
      : undefined) ??
    relationTargets(entity, RELATION_DEPENDS_ON, 'resource')[0];
  const cluster =
    annotations[AI_PLATFORM_ANNOTATIONS.cluster] ??
    (clusterRef ? tryParseRef(clusterRef, 'Resource')?.name : undefined);
  return {
    ref: stringifyEntityRef(entity),
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(spec.lifecycle ? { lifecycle: spec.lifecycle } : {}),
    ...(model ? { model } : {}),
    ...(cluster ? { cluster } : {}),
    ...(clusterRef ? { clusterRef } : {}),
    ...(annotations[AI_PLATFORM_ANNOTATIONS.sourceObject]
      ? { sourceObject: annotations[AI_PLATFORM_ANNOTATIONS.sourceObject] }
      : {}),
  };
}

/** Model-server Components that serve any of the models, by model ref. */
export async function findModelServers(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  modelRefs: string[];
}): Promise<Map<string, ModelServer[]>> {
  const { catalog, credentials, modelRefs } = options;
  const byModel = new Map<string, ModelServer[]>();
  if (!modelRefs.length) return byModel;
  const wanted = new Set(modelRefs.map(r => r.toLocaleLowerCase('en-US')));
  const { items } = await catalog.queryEntities(
    {
      filter: {
        kind: 'Component',
        'spec.type': MODEL_SERVER_COMPONENT_TYPE,
        [`relations.${RELATION_DEPENDS_ON}`]: modelRefs,
      },
      fields: ['kind', 'metadata', 'spec', 'relations'],
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: MAX_SERVERS,
    },
    { credentials },
  );
  for (const entity of items) {
    const server = toModelServer(entity);
    const model = server.model?.toLocaleLowerCase('en-US');
    if (!model || !wanted.has(model)) continue;
    byModel.set(model, [...(byModel.get(model) ?? []), server]);
  }
  return byModel;
}

/** Agents that use the model, from the Model's `dependencyOf` relations. */
export function agentsUsing(model: Entity): string[] {
  return relationTargets(model, RELATION_DEPENDENCY_OF, 'agent');
}
