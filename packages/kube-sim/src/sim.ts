/**
 * startKubeSim: runs one API server per simulated cluster.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { FaultEngine } from './faults/faults';
import { AdminContext, handleAdmin } from './http/admin';
import { ClusterServer } from './http/ClusterServer';
import { Responder } from './http/responder';
import { ApiError } from './http/status';
import { buildKubeconfig } from './kubeconfig/kubeconfig';
import { loadClusterFolder } from './loader/loadClusterFolder';
import { ClusterState } from './store/ClusterState';
import { getTlsMaterial, TlsMaterial } from './tls/certs';
import type {
  APIResource,
  FaultRule,
  KubeObject,
  KubeObjectInput,
  KubeSimOptions,
  SimClusterSpec,
} from './types';

export interface RunningSimCluster {
  name: string;
  url: string;
  token: string;
  /** Base64 PEM of the CA when TLS is on. */
  caData?: string;
  port: number;
  /** Creates or replaces an object (emits ADDED or MODIFIED) and returns it as stored. */
  upsert(obj: KubeObjectInput): KubeObject;
  /** Deletes an object (emits DELETED); false when it did not exist. */
  remove(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): boolean;
  list(apiVersion: string, kind: string): KubeObject[];
  /** Simulates etcd compaction: continue tokens and watches from older resourceVersions get 410. */
  compact(): void;
  /** The cluster's current resourceVersion. */
  resourceVersion(): string;
}

export interface KubeSim {
  clusters: RunningSimCluster[];
  cluster(name: string): RunningSimCluster;
  kubeconfig(): string;
  writeKubeconfig(file: string): Promise<void>;
  setFaults(rules: FaultRule[]): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Active fault rules (`times` = what is left). */
  faults(): FaultRule[];
  /** Resolves once listeners match the fault rules (after adding or removing `refuse`). */
  settle(): Promise<void>;
  addCluster(spec: SimClusterSpec): Promise<RunningSimCluster>;
  removeCluster(name: string): Promise<void>;
  /** URL of the separate admin listener (when `adminPort` was given). */
  adminUrl?: string;
  stop(): Promise<void>;
}

class RunningCluster implements RunningSimCluster {
  constructor(
    readonly server: ClusterServer,
    readonly caData: string | undefined,
  ) {}

  get name() {
    return this.server.state.name;
  }
  get url() {
    return this.server.url;
  }
  get token() {
    return this.server.token;
  }
  get port() {
    return this.server.port;
  }
  upsert(obj: KubeObjectInput): KubeObject {
    const ev = this.server.state.upsert(obj);
    return this.server.state.toObject(ev.entry);
  }
  remove(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): boolean {
    return this.server.state.remove(apiVersion, kind, name, namespace);
  }
  list(apiVersion: string, kind: string): KubeObject[] {
    return this.server.state.list(apiVersion, kind);
  }
  compact(): void {
    this.server.state.store.compact();
  }
  resourceVersion(): string {
    return String(this.server.state.store.currentRv());
  }
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

class Sim implements KubeSim {
  private readonly running: RunningCluster[] = [];
  private readonly faultEngine: FaultEngine;
  private readonly tls?: TlsMaterial;
  private readonly logger: (msg: string) => void;
  private portCounter = 0;
  private adminServer?: http.Server;
  private readonly adminSockets = new Set<Socket>();
  adminUrl?: string;
  readonly admin: AdminContext;

  constructor(private readonly options: KubeSimOptions) {
    this.logger = options.logger ?? (() => {});
    this.faultEngine = new FaultEngine(options.faults ?? []);
    const host = options.host ?? '127.0.0.1';
    this.tls = options.tls
      ? getTlsMaterial(host === '127.0.0.1' ? [] : [host])
      : undefined;
    this.faultEngine.onChange(() => {
      for (const c of this.running) c.server.syncRefuse();
    });
    this.admin = {
      faults: this.faultEngine,
      settle: () => this.settle(),
      cluster: name => this.running.find(c => c.name === name)?.server.state,
      clusters: () =>
        this.running.map(c => ({ name: c.name, url: c.url, port: c.port })),
    };
  }

  get clusters(): RunningSimCluster[] {
    return [...this.running];
  }

  cluster(name: string): RunningSimCluster {
    const c = this.running.find(x => x.name === name);
    if (!c) {
      throw new Error(
        `unknown cluster "${name}" (known: ${
          this.running.map(x => x.name).join(', ') || 'none'
        })`,
      );
    }
    return c;
  }

  kubeconfig(): string {
    return buildKubeconfig(
      this.running.map(c => ({
        name: c.name,
        url: c.url,
        token: c.token,
        caData: c.caData,
      })),
    );
  }

  async writeKubeconfig(file: string): Promise<void> {
    await fs.writeFile(file, this.kubeconfig(), { mode: 0o600 });
  }

  setFaults(rules: FaultRule[]): void {
    this.faultEngine.set(rules);
  }
  addFault(rule: FaultRule): void {
    this.faultEngine.add(rule);
  }
  clearFaults(): void {
    this.faultEngine.clear();
  }
  faults(): FaultRule[] {
    return this.faultEngine.list();
  }

  async settle(): Promise<void> {
    await Promise.all(this.running.map(c => c.server.settle()));
  }

  async addCluster(spec: SimClusterSpec): Promise<RunningSimCluster> {
    if (!spec?.name) {
      throw new Error('every cluster needs a name');
    }
    if (this.running.some(c => c.name === spec.name)) {
      throw new Error(`cluster "${spec.name}" is already running`);
    }
    const folder = spec.dir ? await loadClusterFolder(spec.dir) : undefined;
    const apiServiceResources: Record<string, APIResource[]> = {
      ...(folder?.apiServiceResources ?? {}),
      ...(spec.apiServiceResources ?? {}),
    };
    const state = new ClusterState({
      name: spec.name,
      version: spec.version ?? folder?.version,
      features: { ...(folder?.features ?? {}), ...(spec.features ?? {}) },
      apiServiceResources,
      historySize: this.options.watchHistorySize,
      snapshotTtlMs: this.options.continueTtlMs,
      warn: msg => this.logger(`[${spec.name}] ${msg}`),
    });
    const started = Date.now();
    let count = 0;
    if (folder) count += state.load(folder.objects);
    if (spec.objects) count += state.load(spec.objects);
    if (!folder && !spec.objects) state.load([]);
    for (const warning of state.unservedObjects())
      this.logger(`[${spec.name}] ${warning}`);
    const base = this.options.port ?? 0;
    const port = base === 0 ? 0 : base + this.portCounter;
    this.portCounter++;
    const server = new ClusterServer({
      state,
      token: spec.token ?? randomToken(),
      restrictedTokens: spec.restrictedTokens ?? [],
      faults: this.faultEngine,
      tls: this.tls,
      host: this.options.host ?? '127.0.0.1',
      port,
      bookmarkIntervalMs: this.options.watchBookmarkIntervalMs ?? 60_000,
      logRequests: this.options.logRequests,
      logger: this.logger,
      admin: this.admin,
    });
    try {
      await server.start();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(
        `cluster "${spec.name}": cannot listen on ${
          this.options.host ?? '127.0.0.1'
        }:${port}: ${
          e.code === 'EADDRINUSE' ? 'port already in use' : e.message
        }`,
      );
    }
    const running = new RunningCluster(
      server,
      this.tls ? Buffer.from(this.tls.caCert).toString('base64') : undefined,
    );
    this.running.push(running);
    this.logger(
      `[${spec.name}] ${server.url} (Kubernetes ${
        state.version.gitVersion
      }, ${count} objects loaded in ${Date.now() - started} ms)`,
    );
    return running;
  }

  async removeCluster(name: string): Promise<void> {
    const i = this.running.findIndex(c => c.name === name);
    if (i < 0) {
      throw new Error(`unknown cluster "${name}"`);
    }
    const [c] = this.running.splice(i, 1);
    await c.server.stop();
  }

  async startAdmin(port: number): Promise<void> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const out = new Responder(res);
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
      if (!token || !this.running.some(c => c.token === token)) {
        out.error(new ApiError(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      handleAdmin(req, out, url, this.admin).catch(err => {
        if (!res.headersSent)
          out.error(new ApiError(500, (err as Error).message));
      });
    };
    const server = this.tls
      ? https.createServer(
          { key: this.tls.serverKey, cert: this.tls.serverCert },
          handler,
        )
      : http.createServer(handler);
    server.on('connection', s => {
      this.adminSockets.add(s);
      s.on('close', () => this.adminSockets.delete(s));
    });
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.adminServer = server;
    const addr = server.address();
    const p = addr && typeof addr === 'object' ? addr.port : port;
    const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    this.adminUrl = `${this.tls ? 'https' : 'http'}://${h}:${p}`;
  }

  async stop(): Promise<void> {
    const servers = this.running.splice(0, this.running.length);
    await Promise.all(servers.map(c => c.server.stop()));
    if (this.adminServer) {
      const s = this.adminServer;
      this.adminServer = undefined;
      const closed = new Promise<void>(resolve => s.close(() => resolve()));
      s.closeAllConnections?.();
      for (const sock of this.adminSockets) sock.destroy();
      await closed;
    }
  }
}

/** Starts every cluster (each on its own port) and, when `adminPort` is set, the admin listener. */
export async function startKubeSim(options: KubeSimOptions): Promise<KubeSim> {
  const sim = new Sim(options);
  try {
    for (const spec of options.clusters) {
      await sim.addCluster(spec);
    }
    if (options.adminPort !== undefined) {
      await sim.startAdmin(options.adminPort);
    }
  } catch (err) {
    await sim.stop();
    throw err;
  }
  return sim;
}
