/**
 * Watch streams: newline-delimited JSON events over a chunked response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceInfo } from '../discovery/registry';
import { ClusterState, withTypeMeta } from '../store/ClusterState';
import type { StoredEntry, StoreEvent } from '../store/ObjectStore';
import type { FaultRule } from '../types';
import { namespaceRange, Selection } from './listing';
import { INVALID_JSON_BODY } from './responder';
import { ApiError, statusObject } from './status';
import { IncludeObject, renderTable } from './table';

export interface WatchOptions {
  req: IncomingMessage;
  res: ServerResponse;
  state: ClusterState;
  resource: ResourceInfo;
  version: string;
  selection: Selection;
  query: URLSearchParams;
  table: boolean;
  includeObject: IncludeObject;
  bookmarkIntervalMs: number;
  fault?: FaultRule;
  /** Registers a cleanup run when the server stops; returns an unregister function. */
  track(stop: () => void): () => void;
}

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}

/** Validates parameters; throws ApiError before any header is written. */
export function parseWatchParams(query: URLSearchParams): {
  rv?: number;
  timeoutSeconds?: number;
} {
  const rvRaw = query.get('resourceVersion');
  let rv: number | undefined;
  if (rvRaw !== null && rvRaw !== '' && rvRaw !== '0') {
    if (!/^\d+$/.test(rvRaw)) {
      throw new ApiError(
        400,
        `invalid resource version "${rvRaw}"`,
        'BadRequest',
      );
    }
    rv = Number(rvRaw);
  }
  const toRaw = query.get('timeoutSeconds');
  let timeoutSeconds: number | undefined;
  if (toRaw !== null && toRaw !== '') {
    const n = Number(toRaw);
    if (!Number.isFinite(n) || n < 0) {
      throw new ApiError(
        400,
        `invalid timeoutSeconds "${toRaw}"`,
        'BadRequest',
      );
    }
    timeoutSeconds = n;
  }
  return { rv, timeoutSeconds };
}

export function startWatch(o: WatchOptions): void {
  const { res, state, resource, version, selection, query } = o;
  const params = parseWatchParams(query);
  const gv = resource.group ? `${resource.group}/${version}` : version;
  const allowBookmarks = flag(query, 'allowWatchBookmarks');
  const sendInitialEvents = flag(query, 'sendInitialEvents');
  const store = state.store;

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  if (o.fault?.kind === 'invalid-json') {
    res.end(`${INVALID_JSON_BODY}\n`);
    return;
  }

  let closed = false;
  const firstEventCut = o.fault?.kind === 'truncate';
  const cleanups: (() => void)[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const c of cleanups) c();
    if (!res.writableEnded) res.end();
  };
  cleanups.push(o.track(finish));
  o.req.on('close', finish);
  res.on('close', finish);

  const writeLine = (line: string) => {
    if (closed) return;
    if (firstEventCut) {
      // Truncate fault: half of the first event, then the stream ends.
      res.write(line.slice(0, Math.max(1, Math.floor(line.length / 2))));
      finish();
      return;
    }
    res.write(`${line}\n`);
  };

  const objectJson = (entry: StoredEntry): string => {
    if (!o.table) return withTypeMeta(entry, gv);
    const obj = state.toObject(entry, gv);
    return JSON.stringify(
      renderTable(
        resource,
        version,
        [obj],
        { resourceVersion: String(entry.rv) },
        o.includeObject,
      ),
    );
  };
  const send = (type: string, entry: StoredEntry) =>
    writeLine(`{"type":"${type}","object":${objectJson(entry)}}`);
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Record<string, unknown> = {
      resourceVersion: String(store.currentRv()),
    };
    if (annotations) metadata.annotations = annotations;
    writeLine(
      JSON.stringify({
        type: 'BOOKMARK',
        object: { kind: resource.kind, apiVersion: gv, metadata },
      }),
    );
  };

  const deliver = (ev: StoreEvent) => {
    const now = selection.matches(ev.entry);
    if (ev.type === 'ADDED') {
      if (now) send('ADDED', ev.entry);
    } else if (ev.type === 'DELETED') {
      if (now) send('DELETED', ev.entry);
    } else {
      const before = ev.previous ? selection.matches(ev.previous) : false;
      if (before && now) send('MODIFIED', ev.entry);
      else if (!before && now) send('ADDED', ev.entry);
      else if (before && !now) send('DELETED', ev.entry);
    }
  };

  if (params.rv === undefined || sendInitialEvents) {
    // No resourceVersion (or sendInitialEvents): current state as ADDED, then changes.
    const entries = store.sorted(resource.bucket);
    const [start, end] = namespaceRange(entries, selection.namespace);
    for (let i = start; i < end && !closed; i++) {
      if (selection.matches(entries[i])) send('ADDED', entries[i]);
    }
    if (sendInitialEvents && allowBookmarks) {
      bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
  } else {
    const events = store.eventsSince(resource.bucket, params.rv);
    if (events === 'expired') {
      const status = statusObject(
        410,
        `too old resource version: ${params.rv} (${store.oldestWatchableRv()})`,
        'Expired',
      );
      writeLine(JSON.stringify({ type: 'ERROR', object: status }));
      finish();
      return;
    }
    for (const ev of events) {
      if (closed) break;
      deliver(ev);
    }
  }
  if (closed) return;

  cleanups.push(store.subscribe(resource.bucket, deliver));
  if (allowBookmarks && o.bookmarkIntervalMs > 0) {
    const timer = setInterval(() => bookmark(), o.bookmarkIntervalMs);
    cleanups.push(() => clearInterval(timer));
  }
  if (params.timeoutSeconds !== undefined) {
    const timer = setTimeout(finish, params.timeoutSeconds * 1000);
    cleanups.push(() => clearTimeout(timer));
  }
}
