/**
 * Writes JSON responses, applying the body-level faults (`truncate`, `invalid-json`) when asked to.
 */
import type { ServerResponse } from 'node:http';
import type { FaultRule } from '../types';
import { ApiError } from './status';

/** Garbage that starts like a list so clients only notice when parsing. */
export const INVALID_JSON_BODY =
  '{"kind":"List","apiVersion":"v1","items":[{"metadata":{"name":<<<not json>>>';

export class Responder {
  constructor(readonly res: ServerResponse, readonly fault?: FaultRule) {}

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Applies a body fault to a complete body. */
  private faulted(code: number, body: string): { code: number; body: string } {
    if (this.fault?.kind === 'invalid-json') {
      return { code: 200, body: INVALID_JSON_BODY };
    }
    if (this.fault?.kind === 'truncate') {
      return {
        code,
        body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
      };
    }
    return { code, body };
  }

  send(
    code: number,
    body: string,
    headers: Record<string, string> = {},
    contentType = 'application/json',
  ): void {
    if (this.closed) return;
    const out = this.faulted(code, body);
    const h: Record<string, string | number> = {
      'Content-Type': contentType,
      ...headers,
    };
    if (!this.fault) {
      h['Content-Length'] = Buffer.byteLength(out.body);
    }
    this.res.writeHead(out.code, h);
    this.res.end(out.body);
  }

  json(
    code: number,
    value: unknown,
    headers: Record<string, string> = {},
  ): void {
    this.send(code, JSON.stringify(value), headers);
  }

  error(err: ApiError): void {
    this.send(err.code, JSON.stringify(err.status), err.headers);
  }

  /** Streams a large body made of parts, with backpressure. */
  async stream(code: number, parts: Iterable<string>): Promise<void> {
    if (this.closed) return;
    if (this.fault) {
      let body = '';
      for (const p of parts) body += p;
      this.send(code, body);
      return;
    }
    this.res.writeHead(code, { 'Content-Type': 'application/json' });
    let buffer = '';
    for (const part of parts) {
      buffer += part;
      if (buffer.length >= 256 * 1024) {
        if (this.closed) return;
        const ok = this.res.write(buffer);
        buffer = '';
        if (!ok) {
          await new Promise<void>(resolve => {
            const done = () => {
              this.res.off('drain', done);
              this.res.off('close', done);
              resolve();
            };
            this.res.on('drain', done);
            this.res.on('close', done);
          });
        }
      }
    }
    if (!this.closed) this.res.end(buffer);
  }
}
