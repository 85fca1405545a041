/**
 * In-memory object storage for one cluster: buckets of objects per (group, kind), a monotonically
 * increasing resourceVersion counter, a bounded watch history and list snapshots for pagination.
 *
 * Every stored object is serialized to JSON exactly once (without `apiVersion`/`kind`, which the
 * HTTP layer prepends when needed), so large lists are served by concatenating strings.
 */
import { randomBytes } from 'node:crypto';
import type { FieldSpec } from '../discovery/builtins';
import type { KubeObject } from '../types';
import { compareStrings } from '../util';

export interface StoredEntry {
  /** `namespace/name` for namespaced objects, `name` otherwise; lists are sorted by it (like etcd keys). */
  readonly key: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly uid: string;
  readonly rv: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly labels: Record<string, string> | undefined;
  readonly creationTimestamp: string;
  /** The object as JSON without `apiVersion` and `kind`. */
  readonly json: string;
  /** Field selector values computed so far (label -> value); extended lazily. */
  fields: Record<string, string>;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: WatchEventType;
  bucket: string;
  entry: StoredEntry;
  /** The state before a MODIFIED event (used for selector transitions). */
  previous?: StoredEntry;
}

interface Bucket {
  items: Map<string, StoredEntry>;
  sorted?: StoredEntry[];
  listeners: Set<(event: StoreEvent) => void>;
  lastSnapshot?: { id: string; entries: StoredEntry[] };
}

interface Snapshot {
  bucket: string;
  rv: number;
  entries: StoredEntry[];
  lastUsed: number;
}

export interface ObjectStoreOptions {
  historySize?: number;
  snapshotTtlMs?: number;
  maxSnapshots?: number;
  now?: () => number;
}

/** Reads a dotted path from an object and renders it the way field selectors see it. */
export function readFieldValue(obj: unknown, spec: FieldSpec): string {
  let cur: unknown = obj;
  for (const part of (spec.path ?? spec.label).split('.')) {
    if (cur === null || typeof cur !== 'object') {
      cur = undefined;
      break;
    }
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) {
    if (spec.type === 'bool') return 'false';
    if (spec.type === 'int') return '0';
    return '';
  }
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export function entryKey(name: string, namespace: string | undefined): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  private rv = 0;
  private readonly buckets = new Map<string, Bucket>();
  private history: StoreEvent[] = [];
  private historyStartRv = 0;
  private recordHistory = true;
  private readonly historySize: number;
  private readonly snapshotTtlMs: number;
  private readonly maxSnapshots: number;
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly snapshotPrefix = randomBytes(4).toString('hex');
  private snapshotCounter = 0;
  private readonly now: () => number;
  private readonly apiVersions = new Set<string>();

  constructor(options: ObjectStoreOptions = {}) {
    this.historySize = options.historySize ?? 10000;
    this.snapshotTtlMs = options.snapshotTtlMs ?? 5 * 60 * 1000;
    this.maxSnapshots = options.maxSnapshots ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The cluster's current resourceVersion. */
  currentRv(): number {
    return this.rv;
  }

  /** Every apiVersion ever stored (for opt-in group/versions). */
  seenApiVersions(): ReadonlySet<string> {
    return this.apiVersions;
  }

  /** While loading initial state no watch history is kept: watches from older versions get 410. */
  beginBulkLoad(): void {
    this.recordHistory = false;
  }

  endBulkLoad(): void {
    this.recordHistory = true;
    this.history = [];
    this.historyStartRv = this.rv;
  }

  private bucket(name: string): Bucket {
    let b = this.buckets.get(name);
    if (!b) {
      b = { items: new Map(), listeners: new Set() };
      this.buckets.set(name, b);
    }
    return b;
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()];
  }

  get(bucket: string, key: string): StoredEntry | undefined {
    return this.buckets.get(bucket)?.items.get(key);
  }

  count(bucket: string): number {
    return this.buckets.get(bucket)?.items.size ?? 0;
  }

  /**
   * Stores an object (already normalized: name, namespace, uid, creationTimestamp set).
   * Assigns the next resourceVersion, serializes once and emits ADDED or MODIFIED.
   */
  put(
    bucketName: string,
    obj: KubeObject,
    precomputedFields: FieldSpec[] = [],
  ): StoreEvent {
    const b = this.bucket(bucketName);
    const meta = obj.metadata;
    const name = meta.name as string;
    const key = entryKey(name, meta.namespace);
    const previous = b.items.get(key);
    const rv = ++this.rv;
    const { apiVersion, kind, ...rest } = obj;
    const metadata = { ...meta, resourceVersion: String(rv) };
    const body = { ...rest, metadata };
    const fields: Record<string, string> = {};
    for (const spec of precomputedFields) {
      fields[spec.label] = readFieldValue(body, spec);
    }
    const entry: StoredEntry = {
      key,
      name,
      namespace: meta.namespace,
      uid: meta.uid as string,
      rv,
      apiVersion,
      kind,
      labels: meta.labels ? { ...meta.labels } : undefined,
      creationTimestamp: meta.creationTimestamp as string,
      json: JSON.stringify(body),
      fields,
    };
    b.items.set(key, entry);
    b.sorted = undefined;
    this.apiVersions.add(apiVersion);
    const event: StoreEvent = {
      rv,
      type: previous ? 'MODIFIED' : 'ADDED',
      bucket: bucketName,
      entry,
      previous,
    };
    this.emit(b, event);
    return event;
  }

  /** Removes an object; the DELETED event carries the last state with the deletion's resourceVersion. */
  delete(bucketName: string, key: string): StoreEvent | undefined {
    const b = this.buckets.get(bucketName);
    const previous = b?.items.get(key);
    if (!b || !previous) {
      return undefined;
    }
    b.items.delete(key);
    b.sorted = undefined;
    const rv = ++this.rv;
    const body = JSON.parse(previous.json);
    body.metadata = { ...body.metadata, resourceVersion: String(rv) };
    const entry: StoredEntry = {
      ...previous,
      rv,
      json: JSON.stringify(body),
      fields: { ...previous.fields },
    };
    const event: StoreEvent = {
      rv,
      type: 'DELETED',
      bucket: bucketName,
      entry,
      previous,
    };
    this.emit(b, event);
    return event;
  }

  private emit(b: Bucket, event: StoreEvent): void {
    if (this.recordHistory) {
      this.history.push(event);
      if (this.history.length > this.historySize) {
        // Drop in batches so trimming stays cheap.
        const drop = Math.max(1, Math.floor(this.historySize / 10));
        const removed = this.history.splice(0, drop);
        this.historyStartRv = removed[removed.length - 1].rv;
      }
    }
    for (const listener of [...b.listeners]) {
      listener(event);
    }
  }

  /** All entries of a bucket sorted by key. The returned array is never mutated afterwards. */
  sorted(bucketName: string): StoredEntry[] {
    const b = this.buckets.get(bucketName);
    if (!b) {
      return [];
    }
    if (!b.sorted) {
      b.sorted = [...b.items.values()].sort((x, y) =>
        compareStrings(x.key, y.key),
      );
    }
    return b.sorted;
  }

  /** Registers the current sorted view of a bucket as a snapshot for continue tokens. */
  snapshot(bucketName: string): {
    id: string;
    rv: number;
    entries: StoredEntry[];
  } {
    this.pruneSnapshots();
    const entries = this.sorted(bucketName);
    const b = this.bucket(bucketName);
    const last = b.lastSnapshot;
    if (last && last.entries === entries) {
      const existing = this.snapshots.get(last.id);
      if (existing) {
        // The bucket has not changed since, so the snapshot is also consistent as of now.
        existing.lastUsed = this.now();
        existing.rv = this.rv;
        return { id: last.id, rv: existing.rv, entries };
      }
    }
    const id = `${this.snapshotPrefix}${(++this.snapshotCounter).toString(36)}`;
    this.snapshots.set(id, {
      bucket: bucketName,
      rv: this.rv,
      entries,
      lastUsed: this.now(),
    });
    b.lastSnapshot = { id, entries };
    return { id, rv: this.rv, entries };
  }

  /** A snapshot by id, or undefined once it expired or was compacted. */
  getSnapshot(
    id: string,
  ): { bucket: string; rv: number; entries: StoredEntry[] } | undefined {
    this.pruneSnapshots();
    const s = this.snapshots.get(id);
    if (!s) {
      return undefined;
    }
    s.lastUsed = this.now();
    return s;
  }

  private pruneSnapshots(): void {
    const limit = this.now() - this.snapshotTtlMs;
    for (const [id, s] of this.snapshots) {
      if (s.lastUsed < limit) {
        this.snapshots.delete(id);
      }
    }
    while (this.snapshots.size > this.maxSnapshots) {
      const oldest = this.snapshots.keys().next().value as string;
      this.snapshots.delete(oldest);
    }
  }

  /**
   * Events of a bucket after `rv`, or 'expired' when history no longer reaches back that far.
   */
  eventsSince(bucketName: string, rv: number): StoreEvent[] | 'expired' {
    if (rv < this.historyStartRv) {
      return 'expired';
    }
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.history.length; i++) {
      if (this.history[i].bucket === bucketName) {
        out.push(this.history[i]);
      }
    }
    return out;
  }

  /** The oldest resourceVersion a watch can resume from. */
  oldestWatchableRv(): number {
    return this.historyStartRv;
  }

  subscribe(
    bucketName: string,
    listener: (event: StoreEvent) => void,
  ): () => void {
    const b = this.bucket(bucketName);
    b.listeners.add(listener);
    return () => {
      b.listeners.delete(listener);
    };
  }

  /** Like etcd compaction: forgets list snapshots and watch history up to now. */
  compact(): void {
    this.snapshots.clear();
    this.history = [];
    this.historyStartRv = this.rv;
  }
}
