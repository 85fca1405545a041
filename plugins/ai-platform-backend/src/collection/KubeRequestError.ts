import {
  CollectionError,
  CollectionErrorReason,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * A failed request to a cluster's API, already classified. Its message says
 * what was requested and what happened, and never carries credentials.
 */
export class KubeRequestError extends Error {
  readonly name = 'KubeRequestError';

  constructor(
    readonly reason: CollectionErrorReason,
    message: string,
    readonly httpStatus?: number,
    /** The `reason` of the Kubernetes Status object (`Expired`, `Forbidden`, ...). */
    readonly statusReason?: string,
  ) {
    super(message);
  }
}

/** Reason for an HTTP status code of the Kubernetes API. */
export function reasonForHttpStatus(code: number): CollectionErrorReason {
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'not-found';
  if (code === 408 || code === 504) return 'timeout';
  if (code === 413) return 'too-large';
  if (code >= 500) return 'server-error';
  return 'other';
}

/** The CollectionError for a failure of `resource` in `cluster`, whatever was thrown. */
export function toCollectionError(
  error: unknown,
  cluster: string,
  resource: string,
  redact: (text: string) => string = t => t,
): CollectionError {
  const at = new Date().toISOString();
  if (error instanceof KubeRequestError) {
    const out: CollectionError = {
      cluster,
      resource,
      reason: error.reason,
      message: redact(error.message),
      at,
    };
    if (error.httpStatus !== undefined) out.httpStatus = error.httpStatus;
    return out;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { cluster, resource, reason: 'other', message: redact(message), at };
}

/** Replaces every occurrence of the given secrets in a text. */
export function createRedactor(
  secrets: Array<string | undefined>,
): (text: string) => string {
  const list = secrets.filter((s): s is string => !!s && s.length >= 4);
  if (list.length === 0) return t => t;
  return text => list.reduce((t, s) => t.split(s).join('[redacted]'), text);
}
