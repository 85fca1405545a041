import { InputError } from '@backstage/errors';
import {
  CapacityRequest,
  GpuVendor,
} from '@ai-platform/plugin-ai-platform-common';
import { isValidClusterName } from '../clusters/types';

export const GPU_VENDORS: readonly GpuVendor[] = [
  'nvidia',
  'amd',
  'intel',
  'other',
];
export const MAX_DEVICES_PER_REQUEST = 64;
export const MAX_PRODUCT_LENGTH = 100;
export const DEFAULT_FIT_LIMIT = 10;
export const MAX_FIT_LIMIT = 100;
const MAX_CLUSTERS = 500;

const KNOWN_FIELDS = new Set([
  'count',
  'minMemoryGiB',
  'vendor',
  'product',
  'clusters',
  'allowMig',
  'allowShared',
  'includeStale',
  'limit',
]);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  return typeof value === 'object' ? 'an object' : String(value);
}

export function isGpuVendor(value: unknown): value is GpuVendor {
  return typeof value === 'string' && (GPU_VENDORS as string[]).includes(value);
}

/**
 * Checks a capacity request from any caller (REST body, MCP action,
 * scaffolder) and returns it with defaults made explicit. Errors name the
 * field and say what is allowed.
 */
export function validateCapacityRequest(input: unknown): CapacityRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(
      `Capacity request must be a JSON object like {"count": 4, "minMemoryGiB": 80}, got ${describe(
        input,
      )}`,
    );
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).filter(k => !KNOWN_FIELDS.has(k));
  if (unknown.length) {
    throw new InputError(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown
        .map(k => `'${k}'`)
        .join(', ')} in capacity request; allowed: ${[...KNOWN_FIELDS].join(
        ', ',
      )}`,
    );
  }

  const { count } = body;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_DEVICES_PER_REQUEST
  ) {
    throw new InputError(
      `count must be a whole number from 1 to ${MAX_DEVICES_PER_REQUEST}, got ${describe(
        count,
      )}`,
    );
  }
  const request: CapacityRequest = { count };

  if (body.minMemoryGiB !== undefined) {
    const m = body.minMemoryGiB;
    if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
      throw new InputError(
        `minMemoryGiB must be a number of GiB, 0 or more, got ${describe(m)}`,
      );
    }
    request.minMemoryGiB = m;
  }
  if (body.vendor !== undefined) {
    if (!isGpuVendor(body.vendor)) {
      throw new InputError(
        `vendor must be one of ${GPU_VENDORS.join(', ')}, got ${describe(
          body.vendor,
        )}`,
      );
    }
    request.vendor = body.vendor;
  }
  if (body.product !== undefined) {
    if (typeof body.product !== 'string') {
      throw new InputError(
        `product must be a string (part of a product name, e.g. "H100"), got ${describe(
          body.product,
        )}`,
      );
    }
    if (body.product.length > MAX_PRODUCT_LENGTH) {
      throw new InputError(
        `product must be at most ${MAX_PRODUCT_LENGTH} characters, got ${body.product.length}`,
      );
    }
    // An empty product box means "any product".
    if (body.product.trim()) request.product = body.product.trim();
  }
  if (body.clusters !== undefined) {
    const clusters = body.clusters;
    // The offending entry, or the whole value when it is not a short list.
    const bad =
      !Array.isArray(clusters) || clusters.length > MAX_CLUSTERS
        ? clusters
        : clusters.find(
            c => typeof c !== 'string' || !isValidClusterName(c.trim()),
          );
    if (bad !== undefined) {
      throw new InputError(
        `clusters must be a list of up to ${MAX_CLUSTERS} cluster names, got ${describe(
          bad,
        )}`,
      );
    }
    request.clusters = (clusters as string[]).map(c => c.trim());
  }
  for (const flag of ['allowMig', 'allowShared', 'includeStale'] as const) {
    if (body[flag] === undefined) continue;
    if (typeof body[flag] !== 'boolean') {
      throw new InputError(
        `${flag} must be true or false, got ${describe(body[flag])}`,
      );
    }
    request[flag] = body[flag] as boolean;
  }
  if (body.limit !== undefined) {
    const limit = body.limit;
    if (
      typeof limit !== 'number' ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_FIT_LIMIT
    ) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_FIT_LIMIT}, got ${describe(
          limit,
        )}`,
      );
    }
    request.limit = limit;
  }
  return request;
}
