/**
 * Verbs on resources: get, list, create, update, patch, delete, deletecollection.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ResourceInfo } from '../discovery/registry';
import {
  ClusterState,
  NAMESPACE_BUCKET,
  withTypeMeta,
} from '../store/ClusterState';
import { entryKey, StoredEntry } from '../store/ObjectStore';
import type { KubeObject } from '../types';
import { buildSelection, listPage } from './listing';
import { decodeSelfSubjectAccessReview } from './protobuf';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch';
import type { Responder } from './responder';
import { ApiError, notFound } from './status';
import { IncludeObject, renderTable } from './table';

export interface ResourceRequest {
  state: ClusterState;
  resource: ResourceInfo;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  table: boolean;
  includeObject: IncludeObject;
}

const MAX_BODY = 32 * 1024 * 1024;

export function gvOf(r: ResourceRequest): string {
  return r.resource.group ? `${r.resource.group}/${r.version}` : r.version;
}

function qualified(resource: ResourceInfo): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      throw new ApiError(
        413,
        'Request entity too large: limit is 33554432',
        'RequestEntityTooLarge',
      );
    }
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      return decodeSelfSubjectAccessReview(raw);
    } catch (e) {
      throw new ApiError(
        415,
        `kube-sim only understands JSON request bodies (${
          (e as Error).message
        })`,
        'UnsupportedMediaType',
      );
    }
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    throw new ApiError(400, 'the request body is empty', 'BadRequest');
  }
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      400,
      `the body of the request could not be decoded: ${(e as Error).message}`,
      'BadRequest',
    );
  }
}

function asObject(body: unknown): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(
      400,
      'the body of the request must be a JSON object',
      'BadRequest',
    );
  }
  return body as KubeObject;
}

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

function sendObject(
  out: Responder,
  r: ResourceRequest,
  code: number,
  entry: StoredEntry,
): void {
  if (r.table) {
    const obj = r.state.toObject(entry, gvOf(r));
    out.json(
      code,
      renderTable(
        r.resource,
        r.version,
        [obj],
        { resourceVersion: String(entry.rv) },
        r.includeObject,
      ),
    );
    return;
  }
  out.send(code, withTypeMeta(entry, gvOf(r)));
}

function existing(r: ResourceRequest): StoredEntry {
  const entry = r.state.store.get(
    r.resource.bucket,
    entryKey(r.name!, r.namespace),
  );
  if (!entry) {
    throw notFound(r.resource.plural, r.resource.group, r.name!);
  }
  return entry;
}

export function handleGet(r: ResourceRequest, out: Responder): void {
  sendObject(out, r, 200, existing(r));
}

export async function handleList(
  r: ResourceRequest,
  out: Responder,
): Promise<void> {
  const selection = buildSelection(r.state, r.resource, r.query, r.namespace);
  const page = listPage(r.state, r.resource, selection, r.query);
  const metadata: Record<string, unknown> = {
    resourceVersion: String(page.rv),
  };
  if (page.continueToken) metadata.continue = page.continueToken;
  if (page.remainingItemCount !== undefined)
    metadata.remainingItemCount = page.remainingItemCount;
  const gv = gvOf(r);
  if (r.table) {
    const objects = page.items.map(e => r.state.toObject(e, gv));
    out.json(
      200,
      renderTable(r.resource, r.version, objects, metadata, r.includeObject),
    );
    return;
  }
  const builtin = r.resource.builtin;
  const items = page.items;
  function* parts(): Generator<string> {
    yield `{"kind":${JSON.stringify(
      r.resource.listKind,
    )},"apiVersion":${JSON.stringify(gv)},"metadata":${JSON.stringify(
      metadata,
    )},"items":[`;
    for (let i = 0; i < items.length; i++) {
      // Built-in list items carry no kind/apiVersion, custom resources do (like the real server).
      const json = builtin ? items[i].json : withTypeMeta(items[i], gv);
      yield i === 0 ? json : `,${json}`;
    }
    yield ']}';
  }
  await out.stream(200, parts());
}

function checkTypeMeta(r: ResourceRequest, obj: KubeObject): void {
  const gv = gvOf(r);
  if (obj.apiVersion === undefined) obj.apiVersion = gv;
  if (obj.kind === undefined) obj.kind = r.resource.kind;
  if (
    obj.apiVersion !== gv &&
    !(r.resource.group && obj.apiVersion.startsWith(`${r.resource.group}/`))
  ) {
    throw new ApiError(
      400,
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`,
      'BadRequest',
    );
  }
  if (obj.kind !== r.resource.kind) {
    throw new ApiError(
      400,
      `the kind in the data (${obj.kind}) does not match the expected kind (${r.resource.kind})`,
      'BadRequest',
    );
  }
}

function checkNamespace(r: ResourceRequest, obj: KubeObject): void {
  const meta = obj.metadata;
  if (!r.resource.namespaced) {
    delete meta.namespace;
    return;
  }
  if (meta.namespace && meta.namespace !== r.namespace) {
    throw new ApiError(
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
      'BadRequest',
    );
  }
  meta.namespace = r.namespace;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(5);
  return [...bytes].map(b => alphabet[b % alphabet.length]).join('');
}

export async function handleCreate(
  r: ResourceRequest,
  req: IncomingMessage,
  out: Responder,
): Promise<void> {
  const obj = asObject(await readBody(req));
  checkTypeMeta(r, obj);
  obj.metadata = { ...(obj.metadata ?? {}) };
  const meta = obj.metadata;
  if (
    !meta.name &&
    typeof meta.generateName === 'string' &&
    meta.generateName
  ) {
    meta.name = `${meta.generateName}${randomSuffix()}`;
  }
  if (!meta.name) {
    throw new ApiError(
      422,
      `${r.resource.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      'Invalid',
      {
        kind: r.resource.kind,
        ...(r.resource.group ? { group: r.resource.group } : {}),
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ],
      },
    );
  }
  checkNamespace(r, obj);
  if (meta.namespace && !r.state.store.get(NAMESPACE_BUCKET, meta.namespace)) {
    throw notFound('namespaces', '', meta.namespace);
  }
  const key = entryKey(meta.name, meta.namespace);
  if (r.state.store.get(r.resource.bucket, key)) {
    throw new ApiError(
      409,
      `${qualified(r.resource)} "${meta.name}" already exists`,
      'AlreadyExists',
      {
        name: meta.name,
        ...(r.resource.group ? { group: r.resource.group } : {}),
        kind: r.resource.plural,
      },
    );
  }
  delete meta.resourceVersion;
  meta.uid = randomUUID();
  meta.creationTimestamp = undefined;
  const { bucket, obj: normalized } = r.state.normalize(obj);
  if (isDryRun(r.query)) {
    out.json(201, normalized);
    return;
  }
  const event = r.state.put(bucket, normalized);
  sendObject(out, { ...r, table: false }, 201, event.entry);
}

function conflict(r: ResourceRequest): ApiError {
  return new ApiError(
    409,
    `Operation cannot be fulfilled on ${qualified(r.resource)} "${
      r.name
    }": the object has been modified; please apply your changes to the latest version and try again`,
    'Conflict',
    {
      name: r.name,
      ...(r.resource.group ? { group: r.resource.group } : {}),
      kind: r.resource.plural,
    },
  );
}

function store(
  r: ResourceRequest,
  out: Responder,
  current: StoredEntry,
  next: KubeObject,
): void {
  next.metadata = {
    ...next.metadata,
    name: current.name,
    uid: current.uid,
    creationTimestamp: current.creationTimestamp,
  };
  if (current.namespace) next.metadata.namespace = current.namespace;
  delete next.metadata.resourceVersion;
  const { bucket, obj } = r.state.normalize(next);
  if (isDryRun(r.query)) {
    out.json(200, obj);
    return;
  }
  const event = r.state.put(bucket, obj);
  sendObject(out, { ...r, table: false }, 200, event.entry);
}

export async function handleUpdate(
  r: ResourceRequest,
  req: IncomingMessage,
  out: Responder,
): Promise<void> {
  const current = existing(r);
  const obj = asObject(await readBody(req));
  checkTypeMeta(r, obj);
  obj.metadata = { ...(obj.metadata ?? {}) };
  if (obj.metadata.name && obj.metadata.name !== r.name) {
    throw new ApiError(
      400,
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${r.name})`,
      'BadRequest',
    );
  }
  checkNamespace(r, obj);
  const rv = obj.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== String(current.rv)) {
    throw conflict(r);
  }
  let next: KubeObject = obj;
  if (r.subresource === 'status') {
    // The status subresource only changes .status.
    next = {
      ...r.state.toObject(current),
      status: (obj as Record<string, unknown>).status,
    };
  }
  store(r, out, current, next);
}

export async function handlePatch(
  r: ResourceRequest,
  req: IncomingMessage,
  out: Responder,
): Promise<void> {
  const current = existing(r);
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  const patch = await readBody(req);
  const currentObj = r.state.toObject(current);
  let patched: unknown;
  try {
    if (
      type === 'application/merge-patch+json' ||
      type === 'application/strategic-merge-patch+json'
    ) {
      patched = applyMergePatch(currentObj, patch);
    } else if (type === 'application/json-patch+json') {
      patched = applyJsonPatch(currentObj, patch);
    } else {
      throw new ApiError(
        415,
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
        'UnsupportedMediaType',
      );
    }
  } catch (e) {
    if (e instanceof PatchError) {
      throw new ApiError(
        422,
        `the server rejected our request due to an error in our request: ${e.message}`,
        'Invalid',
      );
    }
    throw e;
  }
  const next = asObject(patched);
  const rv = (next.metadata as Record<string, unknown> | undefined)
    ?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== String(current.rv)) {
    throw conflict(r);
  }
  next.apiVersion = current.apiVersion;
  next.kind = current.kind;
  next.metadata = { ...(next.metadata ?? {}) };
  const result: KubeObject =
    r.subresource === 'status'
      ? { ...currentObj, status: (next as Record<string, unknown>).status }
      : next;
  store(r, out, current, result);
}

export function handleDelete(r: ResourceRequest, out: Responder): void {
  const current = existing(r);
  if (isDryRun(r.query)) {
    sendObject(out, { ...r, table: false }, 200, current);
    return;
  }
  const event = r.state.removeEntry(r.resource.bucket, current.key)!;
  if (r.resource.bucket === '|Pod') {
    // Pods answer with the object (graceful deletion); most kinds with a Success status.
    sendObject(out, { ...r, table: false }, 200, event.entry);
    return;
  }
  out.json(200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: current.name,
      ...(r.resource.group ? { group: r.resource.group } : {}),
      kind: r.resource.plural,
      uid: current.uid,
    },
  });
}

export function handleDeleteCollection(
  r: ResourceRequest,
  out: Responder,
): void {
  const selection = buildSelection(r.state, r.resource, r.query, r.namespace);
  const victims = r.state.store
    .sorted(r.resource.bucket)
    .filter(e => selection.matches(e));
  const gv = gvOf(r);
  const deleted: string[] = [];
  for (const v of victims) {
    if (isDryRun(r.query)) {
      deleted.push(withTypeMeta(v, gv));
      continue;
    }
    const ev = r.state.removeEntry(r.resource.bucket, v.key);
    if (ev) deleted.push(withTypeMeta(ev.entry, gv));
  }
  out.send(
    200,
    `{"kind":${JSON.stringify(
      r.resource.listKind,
    )},"apiVersion":${JSON.stringify(
      gv,
    )},"metadata":{"resourceVersion":"${r.state.store.currentRv()}"},"items":[${deleted.join(
      ',',
    )}]}`,
  );
}
