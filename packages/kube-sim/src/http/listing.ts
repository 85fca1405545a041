/**
 * Selection and pagination of lists: selectors, namespace ranges, snapshots and continue tokens.
 */
import type { ResourceInfo } from '../discovery/registry';
import {
  checkFieldsSupported,
  FieldRequirement,
  matchFields,
  parseFieldSelector,
} from '../selectors/fieldSelector';
import {
  LabelRequirement,
  matchLabels,
  parseLabelSelector,
  SelectorError,
} from '../selectors/labelSelector';
import type { ClusterState } from '../store/ClusterState';
import {
  ContinueTokenError,
  decodeContinueToken,
  encodeContinueToken,
} from '../store/continueToken';
import type { StoredEntry } from '../store/ObjectStore';
import { ApiError } from './status';

export interface Selection {
  namespace?: string;
  /** Exact name (single-object watches). */
  name?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  /** True when labels or fields filter (remainingItemCount is then omitted, like the real server). */
  filtered: boolean;
  matches(entry: StoredEntry): boolean;
}

export function buildSelection(
  state: ClusterState,
  resource: ResourceInfo,
  query: URLSearchParams,
  namespace: string | undefined,
  name?: string,
): Selection {
  let labels: LabelRequirement[];
  let fields: FieldRequirement[];
  try {
    labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
    fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
    checkFieldsSupported(
      fields,
      f =>
        f === 'metadata.name' ||
        f === 'metadata.namespace' ||
        resource.fields.has(f),
    );
  } catch (e) {
    if (e instanceof SelectorError) {
      throw new ApiError(400, e.message, 'BadRequest');
    }
    throw e;
  }
  const matches = (entry: StoredEntry): boolean => {
    if (namespace !== undefined && entry.namespace !== namespace) return false;
    if (name !== undefined && entry.name !== name) return false;
    if (labels.length && !matchLabels(labels, entry.labels)) return false;
    if (
      fields.length &&
      !matchFields(fields, f =>
        state.fieldValue(entry, resource.fields.get(f), f),
      )
    ) {
      return false;
    }
    return true;
  };
  return {
    namespace,
    name,
    labels,
    fields,
    filtered: labels.length > 0 || fields.length > 0,
    matches,
  };
}

function lowerBound(entries: StoredEntry[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [start, end) of a namespace in a key-sorted array (`ns/` .. `ns0`, since '0' follows '/'). */
export function namespaceRange(
  entries: StoredEntry[],
  namespace: string | undefined,
): [number, number] {
  if (namespace === undefined) return [0, entries.length];
  return [
    lowerBound(entries, `${namespace}/`),
    lowerBound(entries, `${namespace}0`),
  ];
}

export interface ListPage {
  items: StoredEntry[];
  rv: number;
  continueToken?: string;
  remainingItemCount?: number;
}

export const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new ApiError(
      400,
      `invalid limit "${raw}": must be a non-negative integer`,
      'BadRequest',
    );
  }
  return n;
}

/**
 * One page of a list. Without `limit` everything matching is returned. With `limit`, the page is
 * served from a snapshot that later pages (through the continue token) keep using.
 */
export function listPage(
  state: ClusterState,
  resource: ResourceInfo,
  selection: Selection,
  query: URLSearchParams,
): ListPage {
  const limit = parseLimit(query);
  const token = query.get('continue');
  const store = state.store;
  let entries: StoredEntry[];
  let rv: number;
  let snapshotId: string | undefined;
  let start: number;
  if (token) {
    const rvParam = query.get('resourceVersion');
    if (rvParam !== null && rvParam !== '') {
      throw new ApiError(
        400,
        'specifying resource version is not allowed when using continue',
        'BadRequest',
      );
    }
    let decoded;
    try {
      decoded = decodeContinueToken(token);
    } catch (e) {
      if (e instanceof ContinueTokenError)
        throw new ApiError(400, e.message, 'BadRequest');
      throw e;
    }
    if (decoded.bucket !== resource.bucket) {
      throw new ApiError(
        400,
        'continue key is not valid: the token was issued for a different resource',
        'BadRequest',
      );
    }
    const snapshot = store.getSnapshot(decoded.snapshot);
    if (!snapshot) {
      throw new ApiError(410, EXPIRED_CONTINUE_MESSAGE, 'Expired');
    }
    entries = snapshot.entries;
    rv = decoded.rv;
    snapshotId = decoded.snapshot;
    start = decoded.index;
  } else if (limit > 0) {
    const snapshot = store.snapshot(resource.bucket);
    entries = snapshot.entries;
    rv = snapshot.rv;
    snapshotId = snapshot.id;
    start = 0;
  } else {
    entries = store.sorted(resource.bucket);
    rv = store.currentRv();
    start = 0;
  }
  const [rangeStart, rangeEnd] = namespaceRange(entries, selection.namespace);
  const items: StoredEntry[] = [];
  let i = Math.max(start, rangeStart);
  for (; i < rangeEnd; i++) {
    if (limit > 0 && items.length === limit) break;
    const e = entries[i];
    if (selection.matches(e)) items.push(e);
  }
  const page: ListPage = { items, rv };
  if (limit > 0 && items.length === limit) {
    // Look ahead so the last page never comes back empty.
    let next = i;
    if (selection.filtered || selection.name !== undefined) {
      while (next < rangeEnd && !selection.matches(entries[next])) next++;
    }
    if (next < rangeEnd) {
      page.continueToken = encodeContinueToken({
        snapshot: snapshotId!,
        bucket: resource.bucket,
        rv,
        index: next,
      });
      if (!selection.filtered) page.remainingItemCount = rangeEnd - next;
    }
  }
  return page;
}
