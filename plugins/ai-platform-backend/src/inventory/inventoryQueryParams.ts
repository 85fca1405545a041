import { InputError } from '@backstage/errors';
import {
  CapacityRequest,
  InventoryQuery,
  NodeQuery,
} from '@ai-platform/plugin-ai-platform-common';
import {
  GPU_VENDORS,
  isGpuVendor,
  MAX_PRODUCT_LENGTH,
  validateCapacityRequest,
} from './capacityRequest';
import { isValidClusterName } from '../clusters/types';

export const DEFAULT_NODE_PAGE_SIZE = 100;
export const MAX_NODE_PAGE_SIZE = 500;
const MAX_CLUSTERS = 500;

const INVENTORY_PARAMS = [
  'cluster',
  'vendor',
  'product',
  'minMemoryGiB',
  'minFree',
];
const NODE_PARAMS = [...INVENTORY_PARAMS, 'gpuOnly', 'offset', 'limit'];

/** Query string values as express parses them. */
export type QueryParams = Record<string, unknown>;

function rejectUnknown(params: QueryParams, allowed: string[]) {
  const unknown = Object.keys(params).filter(k => !allowed.includes(k));
  if (unknown.length) {
    throw new InputError(
      `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown
        .map(k => `'${k}'`)
        .join(', ')}; allowed: ${allowed.join(', ')}`,
    );
  }
}

function single(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      `Query parameter '${name}' must be given once, as a plain value`,
    );
  }
  return value;
}

function numberParam(
  params: QueryParams,
  name: string,
  options: { integer?: boolean; min: number; max?: number; what: string },
): number | undefined {
  const raw = single(params, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  const ok =
    Number.isFinite(value) &&
    (!options.integer || Number.isInteger(value)) &&
    value >= options.min &&
    (options.max === undefined || value <= options.max);
  if (!ok) {
    throw new InputError(
      `Query parameter '${name}' must be ${options.what}, got ${JSON.stringify(
        raw.slice(0, 40),
      )}`,
    );
  }
  return value;
}

function clustersParam(params: QueryParams): string[] | undefined {
  const value = params.cluster;
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  if (values.some(v => typeof v !== 'string')) {
    throw new InputError(
      `Query parameter 'cluster' must be one or more cluster names`,
    );
  }
  const names = (values as string[])
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  if (names.length > MAX_CLUSTERS) {
    throw new InputError(
      `Query parameter 'cluster' may name at most ${MAX_CLUSTERS} clusters`,
    );
  }
  const bad = names.find(n => !isValidClusterName(n));
  if (bad !== undefined) {
    throw new InputError(
      `Query parameter 'cluster' must be cluster names (letters, digits, '.', '_' and '-', at most 253 characters), got ${JSON.stringify(
        bad.slice(0, 60),
      )}`,
    );
  }
  return names.length ? [...new Set(names)] : undefined;
}

/** `GET /inventory`: `cluster` (repeatable or comma-separated), `vendor`, `product`, `minMemoryGiB`, `minFree`. */
export function parseInventoryQueryParams(params: QueryParams): InventoryQuery {
  rejectUnknown(params, INVENTORY_PARAMS);
  return parseInventoryFields(params);
}

function parseInventoryFields(params: QueryParams): InventoryQuery {
  const query: InventoryQuery = {};
  const clusters = clustersParam(params);
  if (clusters) query.clusters = clusters;
  const vendor = single(params, 'vendor');
  if (vendor !== undefined && vendor !== '') {
    if (!isGpuVendor(vendor)) {
      throw new InputError(
        `Query parameter 'vendor' must be one of ${GPU_VENDORS.join(
          ', ',
        )}, got ${JSON.stringify(vendor.slice(0, 40))}`,
      );
    }
    query.vendor = vendor;
  }
  const product = single(params, 'product');
  if (product !== undefined && product.trim()) {
    if (product.length > MAX_PRODUCT_LENGTH) {
      throw new InputError(
        `Query parameter 'product' must be at most ${MAX_PRODUCT_LENGTH} characters, got ${product.length}`,
      );
    }
    query.product = product.trim();
  }
  const minMemoryGiB = numberParam(params, 'minMemoryGiB', {
    min: 0,
    what: 'a number of GiB, 0 or more',
  });
  if (minMemoryGiB !== undefined) query.minMemoryGiB = minMemoryGiB;
  const minFree = numberParam(params, 'minFree', {
    integer: true,
    min: 0,
    what: 'a whole number, 0 or more',
  });
  if (minFree !== undefined) query.minFree = minFree;
  return query;
}

/** `GET /inventory/nodes`: the inventory filters plus `gpuOnly` (default true), `offset`, `limit` (1..500, default 100). */
export function parseNodeQueryParams(params: QueryParams): NodeQuery {
  rejectUnknown(params, NODE_PARAMS);
  const query: NodeQuery = parseInventoryFields(params);
  const gpuOnly = single(params, 'gpuOnly');
  if (gpuOnly !== undefined && gpuOnly !== '') {
    if (gpuOnly !== 'true' && gpuOnly !== 'false') {
      throw new InputError(
        `Query parameter 'gpuOnly' must be true or false, got ${JSON.stringify(
          gpuOnly.slice(0, 40),
        )}`,
      );
    }
    query.gpuOnly = gpuOnly === 'true';
  }
  const offset = numberParam(params, 'offset', {
    integer: true,
    min: 0,
    what: 'a whole number, 0 or more',
  });
  if (offset !== undefined) query.offset = offset;
  const limit = numberParam(params, 'limit', {
    integer: true,
    min: 1,
    max: MAX_NODE_PAGE_SIZE,
    what: `a whole number from 1 to ${MAX_NODE_PAGE_SIZE}`,
  });
  if (limit !== undefined) query.limit = limit;
  return query;
}

/** `POST /capacity/fit` body. */
export function parseCapacityRequestBody(body: unknown): CapacityRequest {
  if (body === undefined) {
    throw new InputError(
      'Capacity request body is missing: send JSON like {"count": 4, "minMemoryGiB": 80} with Content-Type: application/json',
    );
  }
  return validateCapacityRequest(body);
}

/**
 * The same rules for callers that pass objects (MCP actions, scaffolder):
 * numbers must be numbers in range, names strings.
 */
export function validateNodeQuery(query: NodeQuery): NodeQuery {
  const asParams: QueryParams = {};
  if (query.clusters !== undefined) {
    if (!Array.isArray(query.clusters)) {
      throw new InputError(`clusters must be a list of cluster names`);
    }
    asParams.cluster = query.clusters;
  }
  for (const [key, value] of Object.entries(query)) {
    if (key === 'clusters' || value === undefined) continue;
    if (!NODE_PARAMS.includes(key)) {
      throw new InputError(`Unknown inventory query field '${key}'`);
    }
    if (typeof value === 'object') {
      throw new InputError(`${key} must be a single value`);
    }
    asParams[key] = String(value);
  }
  return parseNodeQueryParams(asParams);
}
