import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import { publicOnlyLookup } from '../clusters/urlGuard';

/** The pod's service account, for in-cluster collection. */
export const IN_CLUSTER_TOKEN_PATH =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';
export const IN_CLUSTER_CA_PATH =
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

/**
 * The cluster definition cannot be turned into a connection: a kubeconfig
 * that does not parse, a context that does not exist, a missing token.
 * Messages never quote file contents.
 */
export class ClusterConfigError extends Error {
  readonly name = 'ClusterConfigError';
}

/** What requests to one cluster need: base URL, an agent holding TLS settings, auth headers. */
export interface ClusterConnection {
  server: string;
  agent: http.Agent;
  headers: Record<string, string>;
  /** Credentials in use, to redact from any text that leaves the collector. */
  secrets: string[];
}

export interface ConnectOptions {
  /** Sockets kept per cluster; matches the request concurrency. */
  maxSockets: number;
  /** Refuse connections to internal addresses (catalog clusters not on the allow list). */
  publicAddressesOnly?: boolean;
}

/**
 * Builds the connection with `@kubernetes/client-node`'s KubeConfig, which
 * knows kubeconfig files, exec and token-file auth, client certificates and
 * CA handling. The agent is ours: kept alive for the whole collection and,
 * for catalog clusters, resolving names through the public-address guard.
 */
export async function connectCluster(
  cluster: ClusterDefinition,
  options: ConnectOptions,
): Promise<ClusterConnection> {
  const kc = await kubeConfigFor(cluster);
  const current = kc.getCurrentCluster();
  if (!current) {
    throw new ClusterConfigError(
      `cluster "${cluster.name}": no cluster in the selected context`,
    );
  }
  const opts: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (error) {
    throw new ClusterConfigError(
      `cluster "${cluster.name}": cannot prepare credentials: ${
        (error as Error).message
      }`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (typeof v === 'string') headers[k] = v;
  }
  const secrets = [
    headers.Authorization?.replace(/^(Bearer|Basic)\s+/i, ''),
    kc.getCurrentUser()?.token,
    kc.getCurrentUser()?.password,
  ].filter((s): s is string => !!s);

  const server = current.server.replace(/\/+$/, '');
  const lookup = options.publicAddressesOnly ? publicOnlyLookup : undefined;
  const common = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    ...(lookup
      ? { lookup: lookup as unknown as http.AgentOptions['lookup'] }
      : {}),
  };
  const agent = server.startsWith('http:')
    ? new http.Agent(common)
    : new https.Agent({
        ...common,
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        servername: opts.servername,
        ...(opts.rejectUnauthorized === false
          ? { rejectUnauthorized: false }
          : {}),
      });
  return { server, agent, headers, secrets };
}

/** A KubeConfig with the cluster as its current context. */
export async function kubeConfigFor(
  cluster: ClusterDefinition,
): Promise<KubeConfig> {
  const kc = new KubeConfig();
  const auth = cluster.auth;
  if (auth.type === 'kubeconfig') {
    loadKubeconfigFile(kc, auth.file, auth.context);
    allowPlainHttp(kc);
    return kc;
  }
  if (auth.type === 'inCluster' && !cluster.url) {
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new ClusterConfigError(
        `cluster "${cluster.name}": in-cluster collection needs the backend to run in a pod (KUBERNETES_SERVICE_HOST is not set)`,
      );
    }
    kc.loadFromCluster();
    return kc;
  }
  if (!cluster.url) {
    throw new ClusterConfigError(`cluster "${cluster.name}" has no url`);
  }
  let token: string;
  let caFile = cluster.caFile;
  if (auth.type === 'serviceAccount') {
    token = auth.token;
  } else {
    // A configured URL with the pod's own service account (serviceAccount auth without a token).
    token = await readInClusterToken(cluster.name);
    if (!cluster.caData && !caFile && cluster.url.startsWith('https:')) {
      caFile = (await exists(IN_CLUSTER_CA_PATH))
        ? IN_CLUSTER_CA_PATH
        : undefined;
    }
  }
  kc.loadFromClusterAndUser(
    {
      name: cluster.name,
      server: cluster.url,
      caData: cluster.caData,
      caFile,
      // Plain HTTP has no TLS to verify; client-node only accepts it with this flag.
      skipTLSVerify: cluster.url.startsWith('http:') || !!cluster.skipTLSVerify,
    },
    { name: `${cluster.name}-collector`, token },
  );
  return kc;
}

/**
 * Loads a kubeconfig and selects the context. Parse errors are reported by
 * position only: YAML errors quote the surrounding text, which may hold a token.
 */
export function loadKubeconfigFile(
  kc: KubeConfig,
  file: string,
  context?: string,
): void {
  try {
    kc.loadFromFile(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & {
      mark?: { line?: number };
      reason?: string;
    };
    if (e.code === 'ENOENT') {
      throw new ClusterConfigError(`kubeconfig ${file} does not exist`);
    }
    if (e.code === 'EACCES') {
      throw new ClusterConfigError(`kubeconfig ${file} is not readable`);
    }
    const where =
      e.mark?.line !== undefined ? ` (line ${e.mark.line + 1})` : '';
    const why =
      e.reason ??
      (e.name === 'YAMLException' ? 'invalid YAML' : 'invalid kubeconfig');
    throw new ClusterConfigError(
      `kubeconfig ${file} cannot be read: ${why}${where}`,
    );
  }
  const contexts = kc.getContexts().map(c => c.name);
  if (context) {
    if (!contexts.includes(context)) {
      throw new ClusterConfigError(
        `kubeconfig ${file} has no context "${context}" (contexts: ${
          contexts.join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(context);
  } else if (
    !kc.getCurrentContext() ||
    !contexts.includes(kc.getCurrentContext())
  ) {
    throw new ClusterConfigError(
      `kubeconfig ${file} has no current context; pick one with --context (contexts: ${
        contexts.join(', ') || 'none'
      })`,
    );
  }
  const ctx = kc.getContextObject(kc.getCurrentContext());
  if (!kc.getCurrentCluster()) {
    throw new ClusterConfigError(
      `kubeconfig ${file}: context "${ctx?.name}" names cluster "${ctx?.cluster}", which is not in the file`,
    );
  }
  if (ctx?.user && !kc.getCurrentUser()) {
    throw new ClusterConfigError(
      `kubeconfig ${file}: context "${ctx.name}" names user "${ctx.user}", which is not in the file`,
    );
  }
}

/** client-node refuses `http:` servers unless TLS verification is skipped; there is no TLS to verify then. */
function allowPlainHttp(kc: KubeConfig): void {
  const current = kc.getCurrentCluster();
  if (
    !current ||
    !current.server.startsWith('http:') ||
    current.skipTLSVerify
  ) {
    return;
  }
  kc.loadFromOptions({
    clusters: kc
      .getClusters()
      .map(c => (c.name === current.name ? { ...c, skipTLSVerify: true } : c)),
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
}

async function readInClusterToken(name: string): Promise<string> {
  try {
    return (await fs.readFile(IN_CLUSTER_TOKEN_PATH, 'utf8')).trim();
  } catch {
    throw new ClusterConfigError(
      `cluster "${name}": no serviceAccountToken is configured and the backend has no in-cluster service account token (${IN_CLUSTER_TOKEN_PATH})`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
