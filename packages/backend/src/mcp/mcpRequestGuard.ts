import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * DNS-rebinding protection for the MCP endpoint. Backstage does not check
 * the Host or Origin of a request; a web page whose name an attacker points
 * at a local backend could otherwise talk to it from the user's browser.
 * The MCP spec asks servers to validate Origin and answer 403 when it is
 * invalid; local servers should also check Host.
 */

/** Paths the guard protects; Express matches routes case-insensitively, so does the guard. */
export const MCP_PATH_PREFIX = '/api/mcp-actions';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface McpGuardPolicy {
  /** Hostnames accepted on any port. */
  hostnames: Set<string>;
  /** `hostname:port` pairs accepted (config entries with a port). */
  hostsWithPort: Set<string>;
  /** Origins accepted, as `URL.origin` gives them. */
  origins: Set<string>;
  /** The backend listens locally: loopback hosts and origins are accepted on any port. */
  allowLoopback: boolean;
}

export type McpGuardDecision =
  | { allowed: true }
  | { allowed: false; reason: string };

/** `host[:port]` as the Host header carries it: a name, an IPv4 address or a bracketed IPv6 address. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i;

function parseHost(
  value: string,
): { hostname: string; port?: string } | undefined {
  const match = HOST_HEADER.exec(value.trim());
  if (!match) return undefined;
  return { hostname: match[1].toLowerCase(), port: match[2] };
}

function parseOrigin(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/**
 * Accepted hosts: the host of `backend.baseUrl`, loopback names on any port
 * when the backend listens locally (its base URL or listen address is a
 * loopback address), and `aiPlatform.mcp.allowedHosts`. Accepted origins:
 * `app.baseUrl`, `backend.baseUrl`, loopback origins when local, and
 * `aiPlatform.mcp.allowedOrigins`.
 */
export function readMcpGuardPolicy(config: RootConfigService): McpGuardPolicy {
  const backendUrl = new URL(config.getString('backend.baseUrl'));
  const appBaseUrl = config.getOptionalString('app.baseUrl');
  const listenHost = readHttpServerOptions(config.getOptionalConfig('backend'))
    .listen.host;

  const policy: McpGuardPolicy = {
    hostnames: new Set([backendUrl.hostname]),
    hostsWithPort: new Set(),
    origins: new Set([backendUrl.origin]),
    allowLoopback:
      LOOPBACK_HOSTNAMES.has(backendUrl.hostname) ||
      LOOPBACK_HOSTNAMES.has(listenHost === '::1' ? '[::1]' : listenHost),
  };
  if (appBaseUrl) policy.origins.add(new URL(appBaseUrl).origin);

  for (const entry of config.getOptionalStringArray(
    'aiPlatform.mcp.allowedHosts',
  ) ?? []) {
    const parsed = parseHost(entry.trim());
    if (!parsed) {
      throw new Error(
        `aiPlatform.mcp.allowedHosts: "${entry}" is not a host name or host:port`,
      );
    }
    if (parsed.port)
      policy.hostsWithPort.add(`${parsed.hostname}:${parsed.port}`);
    else policy.hostnames.add(parsed.hostname);
  }
  for (const entry of config.getOptionalStringArray(
    'aiPlatform.mcp.allowedOrigins',
  ) ?? []) {
    const url = parseOrigin(entry.trim());
    if (!url) {
      throw new Error(
        `aiPlatform.mcp.allowedOrigins: "${entry}" is not an origin like https://agents.example.com`,
      );
    }
    policy.origins.add(url.origin);
  }
  return policy;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/** Whether a request with these headers may reach the MCP endpoint. Pure: the policy decides. */
export function decideMcpRequest(
  policy: McpGuardPolicy,
  headers: { host?: string; origin?: string },
): McpGuardDecision {
  const { host, origin } = headers;
  if (!host) return { allowed: false, reason: 'Missing Host header' };
  const parsed = parseHost(host);
  if (!parsed)
    return { allowed: false, reason: `Invalid Host header ${quote(host)}` };
  const hostAllowed =
    policy.hostnames.has(parsed.hostname) ||
    (parsed.port !== undefined &&
      policy.hostsWithPort.has(`${parsed.hostname}:${parsed.port}`)) ||
    (policy.allowLoopback && LOOPBACK_HOSTNAMES.has(parsed.hostname));
  if (!hostAllowed) {
    return { allowed: false, reason: `Host ${quote(host)} is not allowed` };
  }
  if (origin !== undefined) {
    const url = parseOrigin(origin);
    const originAllowed =
      !!url &&
      (policy.origins.has(url.origin) ||
        (policy.allowLoopback && LOOPBACK_HOSTNAMES.has(url.hostname)));
    if (!originAllowed) {
      return {
        allowed: false,
        reason: `Origin ${quote(origin)} is not allowed`,
      };
    }
  }
  return { allowed: true };
}

export function isMcpPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === MCP_PATH_PREFIX || lower.startsWith(`${MCP_PATH_PREFIX}/`);
}

/** The path of a request URL, also percent-decoded, so no spelling slips past. */
function pathsOf(url = '/'): string[] {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  try {
    return [path, decodeURIComponent(path)];
  } catch {
    return [path];
  }
}

/**
 * Connect-style middleware (installed first on the root Express app):
 * requests to the MCP endpoint with a Host or Origin outside the policy get
 * 403 and a JSON-RPC error body before any other middleware runs. Other
 * paths pass untouched.
 */
export function createMcpRequestGuard(options: {
  config: RootConfigService;
  logger: LoggerService;
}): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const policy = readMcpGuardPolicy(options.config);
  const { logger } = options;
  return (req, res, next) => {
    const [path] = pathsOf(req.url);
    if (!pathsOf(req.url).some(isMcpPath)) {
      next();
      return;
    }
    const decision = decideMcpRequest(policy, {
      host: req.headers.host,
      origin: req.headers.origin,
    });
    if (decision.allowed) {
      next();
      return;
    }
    logger.warn(
      `Rejected MCP request to ${req.method} ${path}: ${decision.reason}`,
    );
    res.statusCode = 403;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        jsonrpc: '2.0',
        error: { code: -32000, message: `Forbidden: ${decision.reason}` },
        id: null,
      }),
    );
  };
}
