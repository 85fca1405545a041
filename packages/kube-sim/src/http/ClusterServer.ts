/**
 * One simulated API server: an HTTP(S) listener in front of a ClusterState, with authentication,
 * authorization for restricted tokens, fault injection, discovery, resources, watch and the
 * `/_sim/` admin endpoint.
 */
import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ResourceInfo } from '../discovery/registry';
import type { FaultEngine } from '../faults/faults';
import type { ClusterState } from '../store/ClusterState';
import type { TlsMaterial } from '../tls/certs';
import type { FaultRule, FaultVerb, RestrictedToken } from '../types';
import { AdminContext, handleAdmin } from './admin';
import { buildSelection } from './listing';
import { parseRequestPath, RequestInfo } from './requestInfo';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handleGet,
  handleList,
  handlePatch,
  handleUpdate,
  readBody,
  ResourceRequest,
} from './resourceHandlers';
import { Responder } from './responder';
import {
  ApiError,
  defaultFaultMessage,
  pathNotFound,
  statusObject,
} from './status';
import { parseIncludeObject, wantsTable } from './table';
import { startWatch } from './watch';

export interface Principal {
  user: string;
  groups: string[];
  /** Resources this principal may not use (plural, plural.group or *); undefined = everything allowed. */
  forbid?: Set<string>;
  /** Main token of the cluster: may use the admin endpoint. */
  admin: boolean;
}

export interface ClusterServerOptions {
  state: ClusterState;
  token: string;
  restrictedTokens: RestrictedToken[];
  faults: FaultEngine;
  tls?: TlsMaterial;
  host: string;
  port: number;
  bookmarkIntervalMs: number;
  /** Log every request (method, path, status, duration) through the logger. */
  logRequests?: boolean;
  logger: (msg: string) => void;
  admin: AdminContext;
}

type Verb = Exclude<FaultVerb, '*'> | 'deletecollection';

const PUBLIC_TYPES = new Set(['health', 'version']);

export const ADMIN_USER = 'system:serviceaccount:kube-sim:admin';

function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === '1' || w === 'true';
}

function verbOf(
  method: string,
  info: RequestInfo,
  query: URLSearchParams,
): Verb {
  switch (method) {
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return info.type === 'resource' && !info.name
        ? 'deletecollection'
        : 'delete';
    default:
      if (info.type !== 'resource') return 'get';
      if (info.legacyWatch || isWatch(query)) return 'watch';
      return info.name ? 'get' : 'list';
  }
}

export class ClusterServer {
  readonly state: ClusterState;
  readonly token: string;
  private readonly options: ClusterServerOptions;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly adminSockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watchStops = new Set<() => void>();
  private readonly tokens = new Map<string, Principal>();
  private listening = false;
  private stopped = false;
  private transitions: Promise<void> = Promise.resolve();
  port: number;

  constructor(options: ClusterServerOptions) {
    this.options = options;
    this.state = options.state;
    this.token = options.token;
    this.port = options.port;
    this.tokens.set(options.token, {
      user: ADMIN_USER,
      groups: ['system:authenticated'],
      admin: true,
    });
    options.restrictedTokens.forEach((t, i) => {
      this.tokens.set(t.token, {
        user: t.user ?? `system:serviceaccount:kube-sim:restricted-${i + 1}`,
        groups: ['system:serviceaccounts', 'system:authenticated'],
        forbid: new Set(t.forbid),
        admin: false,
      });
    });
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(err => {
        options.logger(
          `[${this.state.name}] internal error: ${(err as Error).stack ?? err}`,
        );
        if (!res.headersSent && !res.destroyed) {
          new Responder(res).error(
            new ApiError(
              500,
              `Internal error occurred: ${(err as Error).message}`,
            ),
          );
        } else if (!res.writableEnded) {
          res.destroy();
        }
      });
    };
    this.server = options.tls
      ? https.createServer(
          { key: options.tls.serverKey, cert: options.tls.serverCert },
          handler,
        )
      : http.createServer(handler);
    this.server.keepAliveTimeout = 30_000;
    this.server.headersTimeout = 0;
    this.server.requestTimeout = 0;
    const track = (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.adminSockets.delete(socket);
      });
    };
    this.server.on(options.tls ? 'secureConnection' : 'connection', track);
    if (options.tls) {
      // Sockets still in the TLS handshake must be closable too.
      this.server.on('connection', track);
    }
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  get url(): string {
    let host = this.options.host;
    if (host === '0.0.0.0' || host === '::' || host === '') host = '127.0.0.1';
    else if (host.includes(':')) host = `[${host}]`;
    return `${this.options.tls ? 'https' : 'http'}://${host}:${this.port}`;
  }

  isListening(): boolean {
    return this.listening;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        this.listening = true;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise(resolve => {
      this.server.close(() => resolve());
      for (const stop of [...this.watchStops]) stop();
      for (const s of this.sockets) {
        if (this.adminSockets.has(s)) {
          // Let the admin response that triggered this go out first.
          s.end();
          setTimeout(() => s.destroy(), 200).unref();
        } else {
          s.destroy();
        }
      }
    });
  }

  async start(): Promise<void> {
    await this.listen(this.port);
    this.syncRefuse();
    await this.settle();
  }

  /** Opens or closes the listener to match `refuse` faults (queued, see settle()). */
  syncRefuse(): void {
    this.transitions = this.transitions.then(async () => {
      if (this.stopped) return;
      const refuse = this.options.faults.refuses(this.state.name);
      try {
        if (refuse && this.listening) {
          await this.closeListener();
          this.options.logger(
            `[${this.state.name}] refusing connections on port ${this.port}`,
          );
        } else if (!refuse && !this.listening) {
          await this.listen(this.port);
          this.options.logger(
            `[${this.state.name}] accepting connections again on port ${this.port}`,
          );
        }
      } catch (err) {
        this.options.logger(
          `[${this.state.name}] could not reopen port ${this.port}: ${
            (err as Error).message
          }`,
        );
      }
    });
  }

  /** Resolves when pending listener transitions (refuse on/off) are done. */
  settle(): Promise<void> {
    return this.transitions;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.transitions;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const stop of [...this.watchStops]) stop();
    const closed = this.listening
      ? new Promise<void>(resolve => this.server.close(() => resolve()))
      : Promise.resolve();
    this.listening = false;
    this.server.closeAllConnections?.();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private authenticate(
    req: IncomingMessage,
  ): Principal | 'anonymous' | 'invalid' {
    const header = req.headers.authorization;
    if (!header) return 'anonymous';
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!m) return 'invalid';
    return this.tokens.get(m[1].trim()) ?? 'invalid';
  }

  /** Whether a principal may use a resource (restricted tokens only). */
  isAllowed(
    principal: Principal,
    resource: { plural: string; group: string },
  ): boolean {
    const f = principal.forbid;
    if (!f) return true;
    return !(
      f.has('*') ||
      f.has(resource.plural) ||
      f.has(`${resource.plural}.${resource.group}`)
    );
  }

  private forbidden(
    principal: Principal,
    info: Extract<RequestInfo, { type: 'resource' }>,
    verb: Verb,
    resource: ResourceInfo,
  ): ApiError {
    const qualified = resource.group
      ? `${resource.plural}.${resource.group}`
      : resource.plural;
    const subject = info.name ? `${qualified} "${info.name}"` : qualified;
    const res = info.subresource
      ? `${resource.plural}/${info.subresource}`
      : resource.plural;
    const scope = info.namespace
      ? `in the namespace "${info.namespace}"`
      : 'at the cluster scope';
    return new ApiError(
      403,
      `${subject} is forbidden: User "${principal.user}" cannot ${verb} resource "${res}" in API group "${resource.group}" ${scope}`,
      'Forbidden',
      {
        ...(info.name ? { name: info.name } : {}),
        ...(resource.group ? { group: resource.group } : {}),
        kind: resource.plural,
      },
    );
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.options.logRequests) {
      const started = Date.now();
      const line = () =>
        `[${this.state.name}] ${req.method} ${req.url} ${res.statusCode}${
          res.writableFinished ? '' : ' (aborted)'
        } ${Date.now() - started}ms`;
      res.on('close', () => this.options.logger(line()));
    }
    res.setHeader('Audit-Id', randomUUID());
    res.setHeader('Cache-Control', 'no-cache, private');
    if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
      // The admin endpoint: never subject to faults.
      const principal = this.authenticate(req);
      if (typeof principal !== 'object' || !principal.admin) {
        new Responder(res).error(
          new ApiError(401, 'Unauthorized', 'Unauthorized'),
        );
        return;
      }
      this.adminSockets.add(req.socket);
      await handleAdmin(
        req,
        new Responder(res),
        url,
        this.options.admin,
        this.state.name,
      );
      return;
    }

    const info = parseRequestPath(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const verb = verbOf(method, info, url.searchParams);
    const decision = this.options.faults.evaluate({
      cluster: this.state.name,
      resource: info.type === 'resource' ? info.plural : undefined,
      verb: verb === 'deletecollection' ? 'delete' : verb,
    });
    if (decision.latencyMs > 0) {
      await this.sleep(decision.latencyMs);
      if (res.destroyed) return;
    }
    const action = decision.action;
    if (action?.kind === 'hang') {
      // Accept and never answer; stop() destroys the socket.
      return;
    }
    if (action?.kind === 'status') {
      this.sendFaultStatus(res, action, info, verb);
      return;
    }
    const out = new Responder(res, action);
    try {
      await this.dispatch(req, res, out, url, info, method, verb);
    } catch (err) {
      if (err instanceof ApiError) {
        if (!res.headersSent) out.error(err);
        else res.end();
        return;
      }
      throw err;
    }
  }

  private sendFaultStatus(
    res: ServerResponse,
    rule: FaultRule,
    info: RequestInfo,
    verb: Verb,
  ): void {
    const code = rule.status ?? 500;
    let message = rule.message ?? defaultFaultMessage(code);
    const headers: Record<string, string> = {};
    const details: Record<string, unknown> = {};
    if (info.type === 'resource') details.kind = info.plural;
    if (info.type === 'resource' && info.group) details.group = info.group;
    if (code === 403 && !rule.message && info.type === 'resource') {
      const scope = info.namespace
        ? `in the namespace "${info.namespace}"`
        : 'at the cluster scope';
      const qualified = info.group
        ? `${info.plural}.${info.group}`
        : info.plural;
      message = `${qualified} is forbidden: User "${ADMIN_USER}" cannot ${verb} resource "${info.plural}" in API group "${info.group}" ${scope}`;
    }
    if (code === 429 || code === 503 || rule.retryAfterSeconds !== undefined) {
      const after = rule.retryAfterSeconds ?? 1;
      headers['Retry-After'] = String(after);
      details.retryAfterSeconds = after;
    }
    new Responder(res).json(
      code,
      statusObject(code, message, undefined, details),
      headers,
    );
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    out: Responder,
    url: URL,
    info: RequestInfo,
    method: string,
    verb: Verb,
  ): Promise<void> {
    const principal = this.authenticate(req);
    if (
      principal === 'invalid' ||
      (principal === 'anonymous' && !PUBLIC_TYPES.has(info.type))
    ) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const registry = this.state.registry();
    if (info.type !== 'resource' && method !== 'GET' && method !== 'HEAD') {
      throw new ApiError(
        405,
        `the server does not allow this method on the requested resource`,
        'MethodNotAllowed',
      );
    }
    switch (info.type) {
      case 'health':
        out.send(200, 'ok', {}, 'text/plain; charset=utf-8');
        return;
      case 'version':
        out.json(200, this.state.version);
        return;
      case 'api':
        out.json(200, registry.apiVersions());
        return;
      case 'apis':
        out.json(200, registry.apiGroupList());
        return;
      case 'group': {
        const body = registry.apiGroup(info.group);
        if (!body) throw pathNotFound();
        out.json(200, body);
        return;
      }
      case 'groupVersion': {
        const unavailable = registry.unavailableMessage(
          info.group,
          info.version,
        );
        if (unavailable)
          throw new ApiError(503, unavailable, 'ServiceUnavailable');
        const body = registry.apiResourceList(info.group, info.version);
        if (!body) throw pathNotFound();
        out.json(200, body);
        return;
      }
      case 'openapi':
      case 'unknown':
        throw pathNotFound();
      default:
        break;
    }
    const p = principal as Principal;
    if (!registry.isGroupVersionServed(info.group, info.version))
      throw pathNotFound();
    const unavailable = registry.unavailableMessage(info.group, info.version);
    if (unavailable) throw new ApiError(503, unavailable, 'ServiceUnavailable');
    const resource = registry.lookup(info.group, info.version, info.plural);
    if (!resource) throw pathNotFound();
    if (info.namespace !== undefined && !resource.namespaced)
      throw pathNotFound();
    if (info.name === undefined && info.subresource !== undefined)
      throw pathNotFound();
    if (
      info.subresource !== undefined &&
      !resource.subresources.includes(info.subresource)
    )
      throw pathNotFound();
    if (resource.verbs.length === 1 && resource.verbs[0] === 'create') {
      if (method !== 'POST')
        throw new ApiError(
          405,
          'the server does not allow this method on the requested resource',
          'MethodNotAllowed',
        );
      await this.handleReview(req, out, resource, info.version, p);
      return;
    }
    if (!this.isAllowed(p, resource)) {
      throw this.forbidden(p, info, verb, resource);
    }
    const query = url.searchParams;
    const r: ResourceRequest = {
      state: this.state,
      resource,
      version: info.version,
      namespace: info.namespace,
      name: info.name,
      subresource: info.subresource,
      query,
      table: wantsTable(req.headers.accept),
      includeObject: parseIncludeObject(query.get('includeObject')),
    };
    if (
      info.subresource &&
      info.subresource !== 'status' &&
      !(info.subresource === 'log' && verb === 'get')
    ) {
      throw new ApiError(
        405,
        `the simulator does not implement ${info.subresource}`,
        'MethodNotAllowed',
      );
    }
    if (info.subresource === 'log') {
      // No containers run here: an existing pod has an empty log.
      if (
        !this.state.store.get(resource.bucket, `${info.namespace}/${info.name}`)
      ) {
        throw new ApiError(404, `pods "${info.name}" not found`, 'NotFound', {
          name: info.name,
          kind: 'pods',
        });
      }
      out.send(200, '', {}, 'text/plain');
      return;
    }
    if (
      resource.namespaced &&
      info.name !== undefined &&
      info.namespace === undefined
    )
      throw pathNotFound();
    if (
      resource.namespaced &&
      verb === 'create' &&
      info.namespace === undefined
    )
      throw pathNotFound();
    switch (verb) {
      case 'watch': {
        const selection = buildSelection(
          this.state,
          resource,
          query,
          info.namespace,
          info.name,
        );
        startWatch({
          req,
          res,
          state: this.state,
          resource,
          version: info.version,
          selection,
          query,
          table: r.table,
          includeObject: r.includeObject,
          bookmarkIntervalMs: this.options.bookmarkIntervalMs,
          fault: out.fault,
          track: stop => {
            this.watchStops.add(stop);
            return () => this.watchStops.delete(stop);
          },
        });
        return;
      }
      case 'list':
        await handleList(r, out);
        return;
      case 'get':
        handleGet(r, out);
        return;
      case 'create':
        await handleCreate(r, req, out);
        return;
      case 'update':
        await handleUpdate(r, req, out);
        return;
      case 'patch':
        await handlePatch(r, req, out);
        return;
      case 'delete':
        handleDelete(r, out);
        return;
      case 'deletecollection':
        handleDeleteCollection(r, out);
        return;
      default:
        throw new ApiError(
          405,
          'the server does not allow this method on the requested resource',
          'MethodNotAllowed',
        );
    }
  }

  /** SelfSubjectAccessReview, SelfSubjectReview, SubjectAccessReview, TokenReview. */
  private async handleReview(
    req: IncomingMessage,
    out: Responder,
    resource: ResourceInfo,
    version: string,
    principal: Principal,
  ): Promise<void> {
    const body = (await readBody(req)) as Record<string, any>;
    const apiVersion = `${resource.group}/${version}`;
    const base = {
      kind: resource.kind,
      apiVersion,
      metadata: { creationTimestamp: null },
      spec: body?.spec ?? {},
    };
    switch (resource.kind) {
      case 'SelfSubjectAccessReview': {
        const attrs = body?.spec?.resourceAttributes;
        const allowed = attrs
          ? this.isAllowed(principal, {
              plural: String(attrs.resource ?? ''),
              group: String(attrs.group ?? ''),
            })
          : true;
        // Like RBAC: a plain allowed true/false, no reason.
        out.json(201, { ...base, status: { allowed } });
        return;
      }
      case 'SubjectAccessReview':
        out.json(201, { ...base, status: { allowed: true } });
        return;
      case 'SelfSubjectReview':
        out.json(201, {
          ...base,
          status: {
            userInfo: { username: principal.user, groups: principal.groups },
          },
        });
        return;
      case 'TokenReview': {
        const known = this.tokens.get(String(body?.spec?.token ?? ''));
        out.json(201, {
          ...base,
          status: known
            ? {
                authenticated: true,
                user: { username: known.user, groups: known.groups },
              }
            : { authenticated: false, error: 'invalid bearer token' },
        });
        return;
      }
      default:
        throw pathNotFound();
    }
  }
}
