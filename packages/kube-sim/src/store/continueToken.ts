/**
 * Opaque continue tokens for paginated lists. A token names the list snapshot it belongs to,
 * the bucket (resource) and where the next page starts. Clients must treat it as opaque.
 */

export interface ContinueState {
  /** Snapshot id inside the cluster's store. */
  snapshot: string;
  /** Storage bucket (`group|Kind`) the token was issued for. */
  bucket: string;
  /** resourceVersion of the snapshot. */
  rv: number;
  /** Index in the snapshot where the next page starts. */
  index: number;
}

const VERSION = 'ks1';

export class ContinueTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContinueTokenError';
  }
}

export function encodeContinueToken(state: ContinueState): string {
  const payload = JSON.stringify({
    v: VERSION,
    s: state.snapshot,
    b: state.bucket,
    rv: state.rv,
    i: state.index,
  });
  return Buffer.from(payload, 'utf8').toString('base64url');
}

/** Decodes a token; throws ContinueTokenError (mapped to 400) when it is not one of ours. */
export function decodeContinueToken(token: string): ContinueState {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) {
      throw new Error('not base64url');
    }
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ContinueTokenError(
      'continue key is not valid: illegal base64 data or not JSON',
    );
  }
  const p = parsed as Record<string, unknown>;
  if (
    !p ||
    typeof p !== 'object' ||
    p.v !== VERSION ||
    typeof p.s !== 'string' ||
    typeof p.b !== 'string' ||
    typeof p.rv !== 'number' ||
    typeof p.i !== 'number' ||
    !Number.isInteger(p.i) ||
    p.i < 0
  ) {
    throw new ContinueTokenError(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return { snapshot: p.s, bucket: p.b, rv: p.rv, index: p.i };
}
