import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { ClusterApiReader } from '@ai-platform/plugin-ai-platform-node';
import { ClusterConnection } from './clusterConnection';
import { KubeRequestError, reasonForHttpStatus } from './KubeRequestError';
import { Semaphore } from './Semaphore';

export interface KubeApiClientOptions {
  connection: ClusterConnection;
  /** Items per list page. */
  pageSize: number;
  /** Per-request timeout. */
  requestTimeoutMs: number;
  /** Requests in flight at once. */
  limiter: Semaphore;
  /** Aborts every request (whole-collection timeout, shutdown). */
  signal: AbortSignal;
  /** Largest response body accepted. */
  maxResponseBytes?: number;
  redact: (text: string) => string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Callbacks of a paginated list: each page's items, and a reset when the list had to start over. */
export interface ListHandler {
  onPage(items: unknown[]): void | Promise<void>;
  /** The continue token expired (410) and the list starts again from the first page. */
  onRestart(): void;
}

const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
const MAX_RETRIES = 2;
const MAX_RETRY_AFTER_MS = 5000;

/**
 * Read-only HTTP access to one cluster's API: GET with a timeout per request,
 * bounded concurrency, paginated lists that follow `continue` (restarting
 * once on 410 Expired), and every failure classified as a KubeRequestError.
 */
export class KubeApiClient implements ClusterApiReader {
  constructor(private readonly options: KubeApiClientOptions) {}

  async get<T = unknown>(path: string): Promise<T> {
    return (await this.request(path)) as T;
  }

  /** GET that treats 404 as absent. */
  async getOptional<T = unknown>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof KubeRequestError && error.httpStatus === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async *listPages<T = unknown>(
    apiVersion: string,
    plural: string,
    options: ListOptions = {},
  ): AsyncIterable<T[]> {
    let continueToken: string | undefined;
    do {
      const page = await this.fetchPage(
        apiVersion,
        plural,
        options,
        continueToken,
      );
      continueToken = page.continueToken;
      yield page.items as T[];
    } while (continueToken);
  }

  /** Lists every item, page by page; on 410 Expired the list restarts once from the beginning. */
  async listEach(
    apiVersion: string,
    plural: string,
    handler: ListHandler,
    options: ListOptions = {},
  ): Promise<void> {
    let restarted = false;
    let continueToken: string | undefined;
    for (;;) {
      let page: { items: unknown[]; continueToken?: string };
      try {
        page = await this.fetchPage(apiVersion, plural, options, continueToken);
      } catch (error) {
        const expired =
          error instanceof KubeRequestError &&
          error.httpStatus === 410 &&
          continueToken;
        if (expired && !restarted) {
          restarted = true;
          continueToken = undefined;
          handler.onRestart();
          continue;
        }
        throw error;
      }
      await handler.onPage(page.items);
      continueToken = page.continueToken;
      if (!continueToken) return;
    }
  }

  private async fetchPage(
    apiVersion: string,
    plural: string,
    options: ListOptions,
    continueToken?: string,
  ): Promise<{ items: unknown[]; continueToken?: string }> {
    const params = new URLSearchParams({
      limit: String(this.options.pageSize),
    });
    if (continueToken) params.set('continue', continueToken);
    if (options.labelSelector)
      params.set('labelSelector', options.labelSelector);
    if (options.fieldSelector)
      params.set('fieldSelector', options.fieldSelector);
    const body = await this.request(
      `${collectionPath(apiVersion, plural, options.namespace)}?${params}`,
    );
    const list = body as {
      items?: unknown;
      metadata?: { continue?: unknown };
    } | null;
    if (!list || typeof list !== 'object' || !Array.isArray(list.items)) {
      throw new KubeRequestError(
        'invalid-response',
        `GET ${collectionPath(
          apiVersion,
          plural,
          options.namespace,
        )}: the response is not a list`,
      );
    }
    const next = list.metadata?.continue;
    return {
      items: list.items,
      continueToken: typeof next === 'string' && next !== '' ? next : undefined,
    };
  }

  private async request(path: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.options.limiter.run(
          () => this.requestOnce(path),
          this.options.signal,
        );
      } catch (error) {
        const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
        if (attempt >= MAX_RETRIES || retryAfter === undefined) {
          throw this.abortReasonOr(error, path);
        }
        await sleep(retryAfter, this.options.signal).catch(() => undefined);
      }
    }
  }

  /** A request aborted because the whole collection was stopped says so, not "timeout of one request". */
  private abortReasonOr(error: unknown, path: string): unknown {
    if (this.options.signal.aborted && !(error instanceof KubeRequestError)) {
      const reason = this.options.signal.reason;
      return new KubeRequestError(
        'timeout',
        `GET ${stripQuery(path)}: ${
          reason instanceof Error ? reason.message : 'collection aborted'
        }`,
      );
    }
    return error;
  }

  private requestOnce(path: string): Promise<unknown> {
    const { connection, requestTimeoutMs, redact } = this.options;
    const url = `${connection.server}${path}`;
    const label = `GET ${stripQuery(path)}`;
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const signal = AbortSignal.any([this.options.signal, timeout]);
    const maxBytes =
      this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const transport = url.startsWith('https:') ? https : http;

    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: KubeRequestError) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const req = transport.request(url, {
        method: 'GET',
        agent: connection.agent,
        headers: {
          ...connection.headers,
          Accept: 'application/json',
          'Accept-Encoding': 'gzip',
          'User-Agent': 'ai-platform-backstage-collector',
        },
      });
      const onAbort = () => {
        req.destroy();
        if (timeout.aborted) {
          fail(
            new KubeRequestError(
              'timeout',
              `${label}: no complete response within ${
                requestTimeoutMs / 1000
              } s`,
            ),
          );
        } else {
          const reason = this.options.signal.reason;
          fail(
            new KubeRequestError(
              'timeout',
              `${label}: ${
                reason instanceof Error ? reason.message : 'collection aborted'
              }`,
            ),
          );
        }
      };
      const cleanup = () => signal.removeEventListener('abort', onAbort);

      req.on('error', (error: NodeJS.ErrnoException) => {
        cleanup();
        if (settled) return;
        fail(classifyNetworkError(error, label, redact));
      });
      req.on('response', res => {
        const chunks: Buffer[] = [];
        let size = 0;
        const gzip = /gzip/i.test(
          String(res.headers['content-encoding'] ?? ''),
        );
        const stream: NodeJS.ReadableStream = gzip
          ? res.pipe(zlib.createGunzip())
          : res;
        // A body cut short (connection closed early) never ends; `complete` tells.
        const onCutOff = () => {
          if (res.complete) return;
          cleanup();
          fail(
            new KubeRequestError(
              'invalid-response',
              `${label}: the response was cut off`,
              res.statusCode,
            ),
          );
        };
        res.on('error', onCutOff);
        res.on('close', onCutOff);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            cleanup();
            req.destroy();
            fail(
              new KubeRequestError(
                'too-large',
                `${label}: response larger than ${maxBytes} bytes`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', () => {
          cleanup();
          fail(
            new KubeRequestError(
              'invalid-response',
              `${label}: the response body is corrupt (bad gzip)`,
              res.statusCode,
            ),
          );
        });
        stream.on('end', () => {
          cleanup();
          if (settled) return;
          const statusCode = res.statusCode ?? 0;
          if (!res.complete) {
            fail(
              new KubeRequestError(
                'invalid-response',
                `${label}: the response was cut off`,
                statusCode,
              ),
            );
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          if (statusCode >= 400) {
            fail(
              statusError(
                statusCode,
                text,
                label,
                res.headers['retry-after'],
                redact,
              ),
            );
            return;
          }
          try {
            settled = true;
            resolve(JSON.parse(text));
          } catch {
            reject(
              new KubeRequestError(
                'invalid-response',
                `${label}: the response is not valid JSON (${text.length} bytes)`,
                statusCode,
              ),
            );
          }
        });
      });
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      req.end();
    });
  }
}

/** Path of a collection: `/api/v1/pods`, `/apis/apps/v1/namespaces/ns/deployments`. */
export function collectionPath(
  apiVersion: string,
  plural: string,
  namespace?: string,
): string {
  const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${base}/${plural}`;
}

function stripQuery(path: string): string {
  const i = path.indexOf('?');
  return i < 0 ? path : path.slice(0, i);
}

function statusError(
  code: number,
  body: string,
  label: string,
  retryAfterHeader: string | string[] | undefined,
  redact: (t: string) => string,
): KubeRequestError {
  let message: string | undefined;
  let statusReason: string | undefined;
  try {
    const status = JSON.parse(body) as { message?: unknown; reason?: unknown };
    message = typeof status.message === 'string' ? status.message : undefined;
    statusReason =
      typeof status.reason === 'string' ? status.reason : undefined;
  } catch {
    // Not a Status object (a proxy's HTML page, ...): the code says enough.
  }
  const text = `${label}: HTTP ${code}${
    statusReason ? ` ${statusReason}` : ''
  }${message ? `: ${redact(message).slice(0, 300)}` : ''}`;
  const error = new KubeRequestError(
    reasonForHttpStatus(code),
    text,
    code,
    statusReason,
  );
  if (code === 429 || code === 503) {
    const seconds = Number(
      Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader,
    );
    (error as { retryAfterMs?: number }).retryAfterMs = Math.min(
      Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000,
      MAX_RETRY_AFTER_MS,
    );
  }
  return error;
}

function classifyNetworkError(
  error: NodeJS.ErrnoException,
  label: string,
  redact: (t: string) => string,
): KubeRequestError {
  const code = error.code ?? '';
  const detail = redact(error.message);
  if (
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EADDRNOTALLOWED',
    ].includes(code)
  ) {
    return new KubeRequestError(
      'unreachable',
      `${label}: cannot connect (${detail})`,
    );
  }
  if (code === 'ETIMEDOUT') {
    return new KubeRequestError('timeout', `${label}: connection timed out`);
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  ) {
    return new KubeRequestError(
      'invalid-response',
      `${label}: the connection closed before the response was complete (${code})`,
    );
  }
  if (
    /certificate|self[- ]signed|CERT_|ERR_TLS/i.test(`${code} ${error.message}`)
  ) {
    return new KubeRequestError(
      'unreachable',
      `${label}: TLS error (${detail})`,
    );
  }
  return new KubeRequestError('unreachable', `${label}: ${detail}`);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
