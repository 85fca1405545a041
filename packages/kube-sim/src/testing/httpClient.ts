/**
 * A minimal HTTP(S) client for tests: raw status, headers and body, no retries, no parsing magic.
 * Not exported from the package.
 */
import http from 'node:http';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): any;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** PEM CA for https. */
  ca?: string;
  timeoutMs?: number;
}

export function request(
  url: string,
  options: RequestOptions = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(options.headers ?? {}),
    };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload =
        typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: options.method ?? 'GET',
        headers,
        ca: options.ca,
        agent: false,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.timeoutMs) {
      req.setTimeout(options.timeoutMs, () =>
        req.destroy(new Error(`timeout after ${options.timeoutMs} ms`)),
      );
    }
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface WatchStream {
  /** Events received so far (parsed lines). */
  events: any[];
  /** Resolves when `count` events arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<any[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
  status: Promise<number>;
}

/** Opens a watch and collects newline-delimited JSON events. */
export function watch(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): WatchStream {
  const events: any[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let resolveEnded!: () => void;
  let resolveStatus!: (s: number) => void;
  const ended = new Promise<void>(r => (resolveEnded = r));
  const status = new Promise<number>(r => (resolveStatus = r));
  const u = new URL(url);
  const req = http.request(
    u,
    { headers: { Authorization: `Bearer ${token}`, ...headers }, agent: false },
    res => {
      resolveStatus(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim()) events.push(JSON.parse(line));
        }
        for (const w of waiters.splice(0)) w();
      });
      res.on('end', () => resolveEnded());
      res.on('close', () => resolveEnded());
    },
  );
  req.on('error', () => resolveEnded());
  req.end();
  const waitFor = (count: number, timeoutMs = 5000) =>
    new Promise<any[]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `expected ${count} watch events, got ${
                events.length
              }: ${JSON.stringify(events.map(e => e.type))}`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (events.length >= count) {
          clearTimeout(timer);
          resolve(events.slice());
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return { events, waitFor, ended, close: () => req.destroy(), status };
}
