/**
 * Shared public types of the simulator.
 */

/** Any Kubernetes object. Only `apiVersion`, `kind` and `metadata.name` are required. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/**
 * What the simulator accepts as input: a KubeObject or any plain JSON object (checked at runtime,
 * with an error naming what is missing), so loosely typed test data needs no casts.
 */
export type KubeObjectInput = KubeObject | Record<string, unknown>;

export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** What `GET /version` returns. Only `major`, `minor` and `gitVersion` are needed; the rest is defaulted. */
export interface KubeVersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

/** One entry of an `APIResourceList` (discovery). */
export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}

export type FaultVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | '*';

export type FaultKind =
  | 'latency'
  | 'status'
  | 'hang'
  | 'truncate'
  | 'invalid-json'
  | 'refuse';

/**
 * A fault injection rule. See README.md "Fault injection".
 *
 * - `cluster`: cluster name or `*` (default `*`).
 * - `resource`: plural resource name (`pods`, `nodes`, `resourceslices`), `*` or absent (every request,
 *   including discovery and `/version`).
 * - `verb`: `get` | `list` | `watch` (and the write verbs) or `*` (default).
 * - `times`: apply N times then the rule is removed. `probability`: 0..1 chance to apply per request.
 * - `refuse` is connection level: it ignores `resource`, `verb`, `times` and `probability`.
 */
export type FaultRule = {
  cluster?: string;
  resource?: string;
  verb?: FaultVerb;
  kind: FaultKind;
  latencyMs?: number;
  status?: number;
  message?: string;
  /** Retry-After for `status` faults (default 1 second for 429 and 503). */
  retryAfterSeconds?: number;
  times?: number;
  probability?: number;
};

export interface RestrictedToken {
  token: string;
  /**
   * Resources this token may not touch: plural (`pods`), `plural.group` (`resourceslices.resource.k8s.io`)
   * or `*` for every resource. Discovery and `/version` stay allowed.
   */
  forbid: string[];
  /** User name shown in Forbidden messages (default `system:serviceaccount:kube-sim:restricted-<n>`). */
  user?: string;
}

export interface SimClusterSpec {
  name: string;
  /** Folder of Kubernetes objects (see `loadClusterFolder`). */
  dir?: string;
  /** Objects given programmatically (loaded after `dir`). Any iterable works, e.g. a synthetic generator. */
  objects?: Iterable<KubeObjectInput>;
  version?: Partial<KubeVersionInfo> & {
    major: string;
    minor: string;
    gitVersion: string;
  };
  /** Bearer token with full access (random when absent). */
  token?: string;
  restrictedTokens?: RestrictedToken[];
  /** Group/version switches, same as the folder's `features.yaml` (e.g. `{'resource.k8s.io/v1beta2': true}`). */
  features?: Record<string, boolean>;
  /** Discovery resources of aggregated APIServices, same as the folder's `apiservice-resources.yaml`. */
  apiServiceResources?: Record<string, APIResource[]>;
}

export interface KubeSimOptions {
  clusters: SimClusterSpec[];
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 (default): random free ports. N: N, N+1, N+2... in cluster order. */
  port?: number;
  tls?: boolean;
  faults?: FaultRule[];
  /** Receives startup lines, warnings (unserved or duplicate objects) and listener changes. */
  logger?: (msg: string) => void;
  /** Also log every request through `logger`. */
  logRequests?: boolean;
  /** Also serve the admin endpoint on its own port (0 = random). Useful to lift `refuse` faults. */
  adminPort?: number;
  /** How long a list snapshot behind a continue token is kept after its last use (default 5 minutes). */
  continueTtlMs?: number;
  /** Watch events kept per cluster for watches that resume from a resourceVersion (default 10000). */
  watchHistorySize?: number;
  /** Interval of BOOKMARK events on watches that allow them (default 60000 ms). */
  watchBookmarkIntervalMs?: number;
}
