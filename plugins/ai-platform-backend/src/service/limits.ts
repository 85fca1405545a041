import { InputError } from '@backstage/errors';
import express from 'express';

/** The REST API takes small queries; anything bigger is a mistake or an attack. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** A 413 the Backstage error handler serializes with this status and message. */
export class PayloadTooLargeError extends Error {
  readonly name = 'PayloadTooLargeError';
  readonly status = 413;
}

/**
 * `express.json` whose errors say what is wrong: a body over the limit is a
 * 413 naming the limit (refused from Content-Length before it is read, or as
 * soon as a chunked body passes the limit), a body that is not JSON a 400.
 */
export function jsonBody(
  limitBytes: number = MAX_JSON_BODY_BYTES,
): express.RequestHandler {
  const parse = express.json({ limit: limitBytes });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (!error) {
        next();
        return;
      }
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        const length = (error as { length?: number }).length;
        next(
          new PayloadTooLargeError(
            `Request body too large${
              typeof length === 'number' && length > 0
                ? ` (${length} bytes)`
                : ''
            }: at most ${limitBytes} bytes of JSON are accepted`,
          ),
        );
      } else if (type === 'entity.parse.failed') {
        next(
          new InputError(
            `Request body is not valid JSON: ${(error as Error).message}`,
          ),
        );
      } else {
        next(error);
      }
    });
  };
}
