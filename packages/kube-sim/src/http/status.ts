/**
 * `Status` objects, the body of every error the API server returns.
 */

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonForCode(code: number): string {
  return REASONS[code] ?? (code >= 500 ? 'InternalError' : 'Unknown');
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  retryAfterSeconds?: number;
  causes?: { reason?: string; message?: string; field?: string }[];
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export function statusObject(
  code: number,
  message: string,
  reason = reasonForCode(code),
  details?: StatusDetails,
): StatusObject {
  const s: StatusObject = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code >= 200 && code < 300 ? 'Success' : 'Failure',
    message,
    reason,
    code,
  };
  if (details && Object.keys(details).length > 0) {
    s.details = details;
  }
  return s;
}

/** An error that the server renders as a Status with the given HTTP code. */
export class ApiError extends Error {
  readonly status: StatusObject;
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    message: string,
    reason?: string,
    details?: StatusDetails,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusObject(code, message, reason, details);
    this.headers = headers;
  }

  get code(): number {
    return this.status.code;
  }
}

/** `pods "x" not found` with the details the real server sends. */
export function notFound(
  plural: string,
  group: string,
  name: string,
): ApiError {
  return new ApiError(
    404,
    `${plural}${group ? `.${group}` : ''} "${name}" not found`,
    'NotFound',
    {
      name,
      ...(group ? { group } : {}),
      kind: plural,
    },
  );
}

/** The generic 404 for paths the server does not serve. */
export function pathNotFound(): ApiError {
  return new ApiError(
    404,
    'the server could not find the requested resource',
    'NotFound',
    {},
  );
}

/** Default messages for injected status faults. */
export function defaultFaultMessage(code: number): string {
  switch (code) {
    case 429:
      return 'Too many requests, please try again later.';
    case 500:
      return 'Internal error occurred: injected fault';
    case 503:
      return 'The server is currently unable to handle the request';
    case 504:
      return 'Timeout: request did not complete within requested timeout - context deadline exceeded';
    default:
      return `injected fault (${code})`;
  }
}
