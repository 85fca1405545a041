/**
 * The state of one simulated cluster: version, features, objects and the derived API registry.
 * Normalizes objects on the way in (namespace defaulting, uid, creationTimestamp).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_NAMESPACES, FieldSpec } from '../discovery/builtins';
import {
  builtinFieldSpecs,
  bucketOf,
  groupOfApiVersion,
  Registry,
  ResourceInfo,
} from '../discovery/registry';
import { completeVersion, parseMinor } from '../discovery/version';
import type {
  APIResource,
  KubeObject,
  KubeObjectInput,
  KubeVersionInfo,
} from '../types';
import {
  entryKey,
  ObjectStore,
  readFieldValue,
  StoredEntry,
  StoreEvent,
} from './ObjectStore';

export const CRD_BUCKET = bucketOf(
  'apiextensions.k8s.io',
  'CustomResourceDefinition',
);
export const APISERVICE_BUCKET = bucketOf(
  'apiregistration.k8s.io',
  'APIService',
);
export const NAMESPACE_BUCKET = bucketOf('', 'Namespace');

export interface ClusterStateOptions {
  name: string;
  version?: Partial<KubeVersionInfo>;
  features?: Record<string, boolean>;
  apiServiceResources?: Record<string, APIResource[]>;
  historySize?: number;
  snapshotTtlMs?: number;
  warn?: (msg: string) => void;
}

export class ObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObjectError';
  }
}

/** RFC 4122 style UUID derived from a string, so loaded objects keep their uid across restarts. */
export function uuidFromString(seed: string): string {
  const h = createHash('sha1').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function nowTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ClusterState {
  readonly name: string;
  readonly version: KubeVersionInfo;
  readonly minor: number;
  readonly features: Record<string, boolean>;
  readonly apiServiceResources: Record<string, APIResource[]>;
  readonly store: ObjectStore;
  private registryCache?: Registry;
  private seenApiVersionCount = 0;
  private readonly warn: (msg: string) => void;
  private readonly startTime = nowTimestamp();

  constructor(options: ClusterStateOptions) {
    this.name = options.name;
    this.version = completeVersion(options.version);
    this.minor = parseMinor(this.version);
    this.features = options.features ?? {};
    this.apiServiceResources = options.apiServiceResources ?? {};
    this.warn = options.warn ?? (() => {});
    this.store = new ObjectStore({
      historySize: options.historySize,
      snapshotTtlMs: options.snapshotTtlMs,
    });
  }

  /** The API registry; recomputed after CRDs or APIServices change or a new apiVersion shows up. */
  registry(): Registry {
    const seen = this.store.seenApiVersions();
    if (!this.registryCache || seen.size !== this.seenApiVersionCount) {
      this.seenApiVersionCount = seen.size;
      this.registryCache = new Registry({
        minor: this.minor,
        features: this.features,
        seenApiVersions: seen,
        crds: this.objectsOf(CRD_BUCKET),
        apiServices: this.objectsOf(APISERVICE_BUCKET),
        apiServiceResources: this.apiServiceResources,
        warn: this.warn,
      });
    }
    return this.registryCache;
  }

  private objectsOf(bucket: string): KubeObject[] {
    return this.store.sorted(bucket).map(e => this.toObject(e));
  }

  /** Loads initial objects without watch history (watches from before now get 410). */
  load(objects: Iterable<KubeObjectInput>): number {
    this.store.beginBulkLoad();
    let count = 0;
    try {
      for (const ns of DEFAULT_NAMESPACES) {
        this.ensureNamespace(ns);
      }
      // CRDs first so their scope is known for the custom resources that follow.
      const list = Array.isArray(objects)
        ? (objects as KubeObject[])
        : undefined;
      if (list) {
        for (const o of list) {
          if (o?.kind === 'CustomResourceDefinition') {
            this.upsert(o);
            count++;
          }
        }
      }
      for (const o of objects) {
        if (list && o?.kind === 'CustomResourceDefinition') {
          continue;
        }
        const event = this.upsert(o);
        if (event.type === 'MODIFIED' && event.entry.kind !== 'Namespace') {
          this.warn(
            `duplicate ${event.entry.kind} ${event.entry.key} (${event.entry.apiVersion}): the later definition wins`,
          );
        }
        count++;
      }
    } finally {
      this.store.endBulkLoad();
    }
    return count;
  }

  /** Warnings for stored objects no API serves (no built-in kind, CRD or APIService for them). */
  unservedObjects(): string[] {
    const registry = this.registry();
    const out: string[] = [];
    for (const bucket of this.store.bucketNames()) {
      const count = this.store.count(bucket);
      if (count === 0) continue;
      const entries = this.store.sorted(bucket);
      const sample = entries[0];
      const resource = registry.byBucketKey(bucket);
      if (!resource) {
        out.push(
          `${count} ${sample.kind} object(s) of ${sample.apiVersion} are not served: no built-in kind, CRD or APIService for them`,
        );
        continue;
      }
      for (const apiVersion of new Set(entries.map(e => e.apiVersion))) {
        const { version } = groupOfApiVersion(apiVersion);
        if (!resource.versions.includes(version)) {
          out.push(
            `${sample.kind} objects stored as ${apiVersion}, which Kubernetes ${
              this.version.gitVersion
            } here does not serve; they are served as ${resource.versions.join(
              ', ',
            )}`,
          );
        }
      }
    }
    return out;
  }

  resourceForObject(
    apiVersion: string,
    kind: string,
  ): ResourceInfo | undefined {
    const { group } = groupOfApiVersion(apiVersion);
    return this.registry().byBucketKey(bucketOf(group, kind));
  }

  /**
   * Normalizes an object for storage. Namespaced kinds get `default` when no namespace is set;
   * cluster-scoped kinds lose any namespace. Keeps uid/creationTimestamp of an existing object.
   */
  normalize(
    input: KubeObject,
    fallbackNamespace?: string,
  ): { bucket: string; obj: KubeObject } {
    if (!input || typeof input !== 'object') {
      throw new ObjectError('object must be a JSON object');
    }
    if (typeof input.apiVersion !== 'string' || !input.apiVersion) {
      throw new ObjectError('object has no apiVersion');
    }
    if (typeof input.kind !== 'string' || !input.kind) {
      throw new ObjectError(
        `object of apiVersion ${input.apiVersion} has no kind`,
      );
    }
    const meta = input.metadata;
    if (
      !meta ||
      typeof meta !== 'object' ||
      typeof meta.name !== 'string' ||
      !meta.name
    ) {
      throw new ObjectError(
        `${input.kind} (${input.apiVersion}) has no metadata.name`,
      );
    }
    const { group } = groupOfApiVersion(input.apiVersion);
    const bucket = bucketOf(group, input.kind);
    const resource = this.registry().byBucketKey(bucket);
    const metadata = { ...meta };
    if (resource) {
      if (resource.namespaced) {
        metadata.namespace =
          metadata.namespace || fallbackNamespace || 'default';
      } else {
        delete metadata.namespace;
      }
    } else if (!metadata.namespace) {
      delete metadata.namespace;
    }
    const existing = this.store.get(
      bucket,
      entryKey(metadata.name as string, metadata.namespace),
    );
    metadata.uid =
      metadata.uid ||
      existing?.uid ||
      uuidFromString(
        `${this.name}/${bucket}/${metadata.namespace ?? ''}/${metadata.name}`,
      );
    metadata.creationTimestamp =
      metadata.creationTimestamp ||
      existing?.creationTimestamp ||
      nowTimestamp();
    return { bucket, obj: { ...input, metadata } };
  }

  /** Creates or replaces an object (programmatic API and folder loading). */
  upsert(input: KubeObjectInput): StoreEvent {
    const { bucket, obj } = this.normalize(input as KubeObject);
    if (obj.metadata.namespace) {
      this.ensureNamespace(obj.metadata.namespace);
    }
    return this.put(bucket, obj);
  }

  /** Stores an already normalized object. */
  put(bucket: string, obj: KubeObject): StoreEvent {
    const event = this.store.put(bucket, obj, builtinFieldSpecs(bucket));
    if (bucket === CRD_BUCKET || bucket === APISERVICE_BUCKET) {
      this.registryCache = undefined;
    }
    return event;
  }

  removeEntry(bucket: string, key: string): StoreEvent | undefined {
    const event = this.store.delete(bucket, key);
    if (event && (bucket === CRD_BUCKET || bucket === APISERVICE_BUCKET)) {
      this.registryCache = undefined;
    }
    return event;
  }

  remove(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): boolean {
    const { group } = groupOfApiVersion(apiVersion);
    const bucket = bucketOf(group, kind);
    const resource = this.registry().byBucketKey(bucket);
    const ns =
      resource && !resource.namespaced
        ? undefined
        : namespace ?? (resource ? 'default' : undefined);
    return this.removeEntry(bucket, entryKey(name, ns)) !== undefined;
  }

  list(apiVersion: string, kind: string): KubeObject[] {
    const { group } = groupOfApiVersion(apiVersion);
    return this.store
      .sorted(bucketOf(group, kind))
      .map(e => this.toObject(e, apiVersion));
  }

  ensureNamespace(ns: string): void {
    if (this.store.get(NAMESPACE_BUCKET, ns)) {
      return;
    }
    this.put(NAMESPACE_BUCKET, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        uid: uuidFromString(`${this.name}/${NAMESPACE_BUCKET}//${ns}`),
        creationTimestamp: this.startTime,
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  /** Parses a stored entry back to an object with kind/apiVersion. */
  toObject(entry: StoredEntry, apiVersion?: string): KubeObject {
    return {
      kind: entry.kind,
      apiVersion: apiVersion ?? entry.apiVersion,
      ...JSON.parse(entry.json),
    };
  }

  /** The field selector value of an entry (computed lazily for fields not precomputed). */
  fieldValue(
    entry: StoredEntry,
    spec: FieldSpec | undefined,
    label: string,
  ): string {
    if (label === 'metadata.name') return entry.name;
    if (label === 'metadata.namespace') return entry.namespace ?? '';
    const cached = entry.fields[label];
    if (cached !== undefined) return cached;
    const value = readFieldValue(JSON.parse(entry.json), spec ?? { label });
    entry.fields[label] = value;
    return value;
  }
}

/** `{"kind":..,"apiVersion":..,<rest>}` without parsing the stored JSON. */
export function withTypeMeta(entry: StoredEntry, apiVersion: string): string {
  const prefix = `{"kind":${JSON.stringify(
    entry.kind,
  )},"apiVersion":${JSON.stringify(apiVersion)}`;
  return entry.json.length > 2
    ? `${prefix},${entry.json.slice(1)}`
    : `${prefix}}`;
}
