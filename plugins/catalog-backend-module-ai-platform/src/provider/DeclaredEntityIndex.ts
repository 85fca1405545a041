import {
  AI_PLATFORM_ANNOTATIONS,
  DISCOVERED_LOCATION_PREFIX,
  isKubernetesClusterResource,
  isMcpServerApi,
  isModelEntity,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** `hf://Org/Model` and `hf://org/model/` are the same model; other URIs keep their path case. */
export function normalizeModelUri(uri: string): string {
  const trimmed = uri.trim().replace(/\/+$/, '');
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(trimmed);
  if (!match) return trimmed;
  const scheme = match[1].toLocaleLowerCase('en-US');
  return scheme === 'hf'
    ? `hf://${match[2].toLocaleLowerCase('en-US')}`
    : `${scheme}://${match[2]}`;
}

/** Hugging Face ids are case-insensitive on the Hub. */
export function normalizeModelId(id: string): string {
  return id.trim().replace(/\/+$/, '').toLocaleLowerCase('en-US');
}

/** The model id an `hf://` URI names, if it is one. */
export function modelIdFromUri(uri: string | undefined): string | undefined {
  const match = uri ? /^hf:\/\/(.+?)\/*$/i.exec(uri.trim()) : null;
  return match ? match[1] : undefined;
}

/** Scheme and host lowercased, default port and trailing slash dropped. */
export function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${parsed.protocol}//${parsed.host}${path}${parsed.search}`;
  } catch {
    return url.trim().replace(/\/+$/, '').toLocaleLowerCase('en-US');
  }
}

/** Key of a discovered object a hand-written entity may claim. */
export function claimKey(cluster: string, sourceObject: string): string {
  return `${cluster}|${sourceObject}`;
}

/** True for entities this module's provider emitted. */
export function isDiscoveredEntity(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION]?.startsWith(
      DISCOVERED_LOCATION_PREFIX,
    ) ?? false
  );
}

/**
 * What people declared in the catalog that discovered objects merge into:
 * Models (by source URI, `hf://` id and the `ai-platform.dev/model-id`
 * annotation), MCP server APIs (by remote URL), cluster Resources (by
 * `ai-platform.dev/cluster-name` or name), and any entity that claims a
 * cluster object through the `ai-platform.dev/cluster` and
 * `ai-platform.dev/source-object` annotations.
 */
export class DeclaredEntityIndex {
  private readonly modelsByUri = new Map<string, string>();
  private readonly modelsById = new Map<string, string>();
  private readonly modelNames = new Set<string>();
  private readonly mcpByUrl = new Map<string, string>();
  private readonly clusters = new Map<string, string>();
  private readonly claims = new Map<string, string>();

  static fromEntities(entities: Iterable<Entity>): DeclaredEntityIndex {
    const index = new DeclaredEntityIndex();
    // Sorted so that the same catalog always gives the same matches.
    const sorted = [...entities]
      .filter(e => !isDiscoveredEntity(e))
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
    for (const entity of sorted) index.add(entity);
    return index;
  }

  private add(entity: Entity) {
    const ref = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const cluster = annotations[AI_PLATFORM_ANNOTATIONS.cluster];
    const sourceObject = annotations[AI_PLATFORM_ANNOTATIONS.sourceObject];
    if (cluster && sourceObject) {
      setOnce(this.claims, claimKey(cluster, sourceObject), ref);
    }

    if (isModelEntity(entity)) {
      this.modelNames.add(ref);
      const spec = entity.spec ?? {};
      const uris = [
        spec.source?.uri,
        ...(Array.isArray(spec.versions)
          ? spec.versions.map(v => v?.source?.uri)
          : []),
      ].filter((u): u is string => typeof u === 'string');
      for (const uri of uris) {
        setOnce(this.modelsByUri, normalizeModelUri(uri), ref);
        const id = modelIdFromUri(uri);
        if (id) setOnce(this.modelsById, normalizeModelId(id), ref);
      }
      const modelId = annotations[AI_PLATFORM_ANNOTATIONS.modelId];
      if (modelId) {
        // The annotation is explicit, so it wins over ids read from URIs.
        this.modelsById.set(normalizeModelId(modelId), ref);
      }
    } else if (isMcpServerApi(entity)) {
      const remotes = (entity.spec as { remotes?: unknown }).remotes;
      if (Array.isArray(remotes)) {
        for (const remote of remotes) {
          const url = (remote as { url?: unknown } | null)?.url;
          if (typeof url === 'string') {
            setOnce(this.mcpByUrl, normalizeUrl(url), ref);
          }
        }
      }
    } else if (isKubernetesClusterResource(entity)) {
      const name =
        annotations[AI_PLATFORM_ANNOTATIONS.clusterName] ??
        entity.metadata.name;
      setOnce(this.clusters, name, ref);
    }
  }

  /**
   * The declared Model a served model is: same source URI, `hf://<id>`
   * equal to a declared source, or a declared `ai-platform.dev/model-id`.
   */
  findModel(served: {
    modelId?: string;
    modelUri?: string;
  }): string | undefined {
    const { modelId, modelUri } = served;
    const candidates: (string | undefined)[] = [
      modelUri ? this.modelsByUri.get(normalizeModelUri(modelUri)) : undefined,
      modelId
        ? this.modelsByUri.get(normalizeModelUri(`hf://${modelId}`))
        : undefined,
      modelId ? this.modelsById.get(normalizeModelId(modelId)) : undefined,
    ];
    const uriId = modelIdFromUri(modelUri);
    if (uriId) candidates.push(this.modelsById.get(normalizeModelId(uriId)));
    return candidates.find(Boolean);
  }

  hasModelRef(ref: string): boolean {
    return this.modelNames.has(ref);
  }

  findMcpServer(url: string): string | undefined {
    return this.mcpByUrl.get(normalizeUrl(url));
  }

  findCluster(name: string): string | undefined {
    return this.clusters.get(name);
  }

  findClaim(cluster: string, sourceObject: string): string | undefined {
    return this.claims.get(claimKey(cluster, sourceObject));
  }
}

function setOnce(map: Map<string, string>, key: string, value: string) {
  if (!map.has(key)) map.set(key, value);
}
