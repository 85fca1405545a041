/**
 * Classifies a request path the way the API server's request-info resolver does.
 */

export type RequestInfo =
  | { type: 'version' }
  | { type: 'health'; endpoint: string }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'openapi' }
  | {
      type: 'resource';
      group: string;
      version: string;
      namespace?: string;
      plural: string;
      name?: string;
      subresource?: string;
      /** Old-style `/watch/` path segment. */
      legacyWatch: boolean;
    }
  | { type: 'unknown' };

const HEALTH = new Set(['healthz', 'livez', 'readyz']);

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parseRequestPath(pathname: string): RequestInfo {
  const raw = pathname.split('/').filter(s => s.length > 0);
  const segs: string[] = [];
  for (const s of raw) {
    const d = safeDecode(s);
    if (d === undefined) return { type: 'unknown' };
    segs.push(d);
  }
  if (segs.length === 0) return { type: 'unknown' };
  const [first] = segs;
  if (first === 'version' && segs.length === 1) return { type: 'version' };
  if (HEALTH.has(first)) return { type: 'health', endpoint: segs.join('/') };
  if (first === 'openapi') return { type: 'openapi' };
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (first === 'api') {
    if (segs.length === 1) return { type: 'api' };
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (first === 'apis') {
    if (segs.length === 1) return { type: 'apis' };
    group = segs[1];
    if (segs.length === 2) return { type: 'group', group };
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'groupVersion', group, version };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
    if (rest.length === 0) return { type: 'unknown' };
  }
  const isNamespaceSub =
    group === '' &&
    rest[0] === 'namespaces' &&
    rest.length === 3 &&
    (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !isNamespaceSub) {
    if (rest.length > 5) return { type: 'unknown' };
    return {
      type: 'resource',
      group,
      version,
      namespace: rest[1],
      plural: rest[2],
      name: rest[3],
      subresource: rest[4],
      legacyWatch,
    };
  }
  if (rest.length > 3) return { type: 'unknown' };
  return {
    type: 'resource',
    group,
    version,
    plural: rest[0],
    name: rest[1],
    subresource: rest[2],
    legacyWatch,
  };
}
