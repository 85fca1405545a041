import { InputError } from '@backstage/errors';
import {
  ChecklistVersion,
  checklistVersions,
  isChecklistVersion,
} from '@ai-platform/plugin-ai-platform-common';
import { MAX_HISTORY_LIMIT } from './DefaultConformanceService';

function single(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(
      `Query parameter '${name}' must be given once, as a single value`,
    );
  }
  return value;
}

/** `?checklist=1.35`: a version we ship, or absent. */
export function parseChecklistParam(
  value: unknown,
): ChecklistVersion | undefined {
  const text = single('checklist', value);
  if (text === undefined) return undefined;
  if (!isChecklistVersion(text)) {
    throw new InputError(
      `Invalid query parameter 'checklist': unknown checklist version '${text}'; allowed: ${checklistVersions.join(
        ', ',
      )}`,
    );
  }
  return text;
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `?since=2026-11-01` or a full ISO 8601 time; returned as an ISO string. */
export function parseSinceParam(value: unknown): string | undefined {
  const text = single('since', value);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!ISO_DATE.test(text) || Number.isNaN(date.getTime())) {
    throw new InputError(
      `Invalid query parameter 'since': '${text}' is not an ISO 8601 date (e.g. 2026-11-01 or 2026-11-01T12:00:00Z)`,
    );
  }
  return date.toISOString();
}

/** `?limit=50`: a whole number from 1 to 1000. */
export function parseLimitParam(value: unknown): number | undefined {
  const text = single('limit', value);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_HISTORY_LIMIT) {
    throw new InputError(
      `Invalid query parameter 'limit': '${text}' must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`,
    );
  }
  return n;
}

/** A cluster name safe for a Content-Disposition filename. */
export function productYamlFilename(cluster: string): string {
  const safe = cluster.replace(/[^A-Za-z0-9._-]/g, '_') || 'cluster';
  return `${safe}-PRODUCT.yaml`;
}
