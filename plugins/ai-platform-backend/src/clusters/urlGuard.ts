import dns from 'node:dns';
import net from 'node:net';

/**
 * Cluster URLs from catalog entities are user input: anyone who can register
 * an entity could otherwise point the collector (and its service-account
 * token) at internal services or the cloud metadata endpoint. Unless the host
 * is explicitly allowed, only HTTPS to public addresses is accepted; the
 * check runs on the URL and again on every address the name resolves to
 * when connecting (so DNS rebinding cannot slip past it).
 */
export class UrlNotAllowedError extends Error {
  readonly name = 'UrlNotAllowedError';
}

const blocked = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for addresses on the public internet; false for loopback, private, link-local, CGNAT, metadata, ULA, ... */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) {
    return !blocked.check(address, 'ipv4');
  }
  if (family === 6) {
    const lower = address.toLowerCase();
    // IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and IPv4-compatible forms: judge the IPv4 inside.
    const embedded = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(
      lower,
    );
    if (embedded) {
      return isPublicAddress(embedded[1]);
    }
    const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (mappedHex) {
      const hi = parseInt(mappedHex[1], 16);
      const lo = parseInt(mappedHex[2], 16);
      return isPublicAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return !blocked.check(address, 'ipv6');
  }
  return false;
}

/** `host` matches an entry of the allow list: exact (case-insensitive) or `*.suffix` (subdomains only). */
export function isHostAllowListed(
  host: string,
  allowedHosts: string[],
): boolean {
  const h = stripBrackets(host).toLowerCase().replace(/\.$/, '');
  return allowedHosts.some(entry => {
    const e = entry.trim().toLowerCase().replace(/\.$/, '');
    if (e.startsWith('*.')) {
      const suffix = e.slice(1); // ".example.com"
      return h.endsWith(suffix) && h.length > suffix.length;
    }
    return h === stripBrackets(e);
  });
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export type Resolver = (host: string) => Promise<string[]>;

const defaultResolver: Resolver = async host =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map(
    a => a.address,
  );

/**
 * Checks a catalog-provided cluster URL. Resolves to `allowListed: true` when
 * the host is in `allowedHosts` (then any scheme and address is accepted),
 * otherwise requires HTTPS and public addresses only.
 */
export async function checkCatalogClusterUrl(
  rawUrl: string,
  options: { allowedHosts: string[]; resolve?: Resolver },
): Promise<{ allowListed: boolean }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UrlNotAllowedError(`"${rawUrl}" is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UrlNotAllowedError(
      `${url.protocol} URLs are not supported, use https`,
    );
  }
  if (url.username || url.password) {
    throw new UrlNotAllowedError('cluster URLs must not contain credentials');
  }
  const host = stripBrackets(url.hostname);
  if (isHostAllowListed(host, options.allowedHosts)) {
    return { allowListed: true };
  }
  const hint =
    'add the host to aiPlatform.catalogClusters.allowedHosts to allow it';
  if (url.protocol !== 'https:') {
    throw new UrlNotAllowedError(
      `only https URLs are accepted from the catalog (${hint})`,
    );
  }
  const addresses = net.isIP(host)
    ? [host]
    : await (options.resolve ?? defaultResolver)(host);
  if (addresses.length === 0) {
    throw new UrlNotAllowedError(`${host} does not resolve to any address`);
  }
  const internal = addresses.find(a => !isPublicAddress(a));
  if (internal) {
    throw new UrlNotAllowedError(
      `${host} resolves to ${internal}, a loopback, private, link-local or otherwise internal address (${hint})`,
    );
  }
  return { allowListed: false };
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for HTTP agents that refuses internal addresses, so the check
 * holds for the address actually connected to, not just the one checked first.
 */
export function publicOnlyLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: LookupCallback,
): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) {
      callback(err, []);
      return;
    }
    const list = addresses as dns.LookupAddress[];
    const internal = list.find(a => !isPublicAddress(a.address));
    if (internal || list.length === 0) {
      const error: NodeJS.ErrnoException = new UrlNotAllowedError(
        `${hostname} resolves to an internal address; refused`,
      );
      error.code = 'EADDRNOTALLOWED';
      callback(error, []);
      return;
    }
    if (options.all) {
      callback(null, list);
    } else {
      callback(null, list[0].address, list[0].family);
    }
  });
}
