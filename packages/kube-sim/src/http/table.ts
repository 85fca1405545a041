/**
 * Server-side `Table` output (what `kubectl get` asks for with `Accept: ...;as=Table;g=meta.k8s.io`).
 * Nodes and pods get the real columns; CRDs get their additionalPrinterColumns; the rest NAME/AGE.
 */
import type { PrinterColumn, ResourceInfo } from '../discovery/registry';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Obj = Record<string, any>;
type Cell = string | number | boolean | null;

interface TableSpec {
  columns: ColumnDefinition[];
  cells: (obj: Obj, now: number) => Cell[];
}

const NAME_COL: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

const AGE_COL: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
};

function col(
  name: string,
  type = 'string',
  priority = 0,
  description = '',
): ColumnDefinition {
  return { name, type, format: '', description, priority };
}

/** Like Kubernetes' duration.HumanDuration (used for AGE). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.floor(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const y = Math.floor(hours / 24 / 365);
    const d = Math.floor((hours / 24) % 365);
    return d === 0 ? `${y}y` : `${y}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function age(obj: Obj, now: number): string {
  const ts = obj.metadata?.creationTimestamp;
  const t = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

function nodeStatus(node: Obj): string {
  const ready = (node.status?.conditions ?? []).find(
    (c: Obj) => c?.type === 'Ready',
  );
  let status = 'Unknown';
  if (ready?.status === 'True') status = 'Ready';
  else if (ready?.status === 'False') status = 'NotReady';
  const parts = [status];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: Obj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) {
      roles.add(v);
    }
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(node: Obj, type: string): string {
  return (
    (node.status?.addresses ?? []).find((a: Obj) => a?.type === type)
      ?.address ?? '<none>'
  );
}

function podStatus(pod: Obj): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason || pod.status?.phase || 'Unknown';
  for (const cs of pod.status?.containerStatuses ?? []) {
    const waiting = cs?.state?.waiting?.reason;
    const terminated = cs?.state?.terminated?.reason;
    if (waiting && waiting !== '') reason = waiting;
    else if (terminated && reason !== 'Running') reason = terminated;
  }
  return reason;
}

const SPECS: Record<string, TableSpec> = {
  '|Node': {
    columns: [
      NAME_COL,
      col('Status', 'string', 0, 'The status of the node'),
      col('Roles', 'string', 0, 'The roles of the node'),
      AGE_COL,
      col('Version', 'string', 0, 'Kubelet Version reported by the node.'),
      col(
        'Internal-IP',
        'string',
        1,
        'List of addresses reachable to the node.',
      ),
      col(
        'External-IP',
        'string',
        1,
        'List of addresses reachable to the node.',
      ),
      col(
        'OS-Image',
        'string',
        1,
        'OS Image reported by the node from /etc/os-release.',
      ),
      col(
        'Kernel-Version',
        'string',
        1,
        'Kernel Version reported by the node.',
      ),
      col(
        'Container-Runtime',
        'string',
        1,
        'Container Runtime Version reported by the node.',
      ),
    ],
    cells: (n, now) => [
      n.metadata?.name ?? '',
      nodeStatus(n),
      nodeRoles(n),
      age(n, now),
      n.status?.nodeInfo?.kubeletVersion ?? '',
      nodeAddress(n, 'InternalIP'),
      nodeAddress(n, 'ExternalIP'),
      n.status?.nodeInfo?.osImage ?? '<unknown>',
      n.status?.nodeInfo?.kernelVersion ?? '<unknown>',
      n.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>',
    ],
  },
  '|Pod': {
    columns: [
      NAME_COL,
      col(
        'Ready',
        'string',
        0,
        'The aggregate readiness state of this pod for accepting traffic.',
      ),
      col(
        'Status',
        'string',
        0,
        'The aggregate status of the containers in this pod.',
      ),
      col(
        'Restarts',
        'integer',
        0,
        'The number of times the containers in this pod have been restarted.',
      ),
      AGE_COL,
      col('IP', 'string', 1, 'IP address allocated to the pod.'),
      col('Node', 'string', 1, 'Name of the Node hosting the pod.'),
    ],
    cells: (p, now) => {
      const statuses: Obj[] = p.status?.containerStatuses ?? [];
      const total = (p.spec?.containers ?? []).length;
      const ready = statuses.filter(s => s?.ready).length;
      const restarts = statuses.reduce(
        (sum, s) => sum + (Number(s?.restartCount) || 0),
        0,
      );
      return [
        p.metadata?.name ?? '',
        `${ready}/${total}`,
        podStatus(p),
        restarts,
        age(p, now),
        p.status?.podIP ?? '<none>',
        p.spec?.nodeName ?? '<none>',
      ];
    },
  },
  '|Namespace': {
    columns: [
      NAME_COL,
      col('Status', 'string', 0, 'The status of the namespace'),
      AGE_COL,
    ],
    cells: (n, now) => [
      n.metadata?.name ?? '',
      n.status?.phase ?? 'Active',
      age(n, now),
    ],
  },
  'apps|Deployment': {
    columns: [
      NAME_COL,
      col('Ready', 'string', 0, 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'integer',
        0,
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ),
      col(
        'Available',
        'integer',
        0,
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      ),
      AGE_COL,
    ],
    cells: (d, now) => [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d, now),
    ],
  },
  'resource.k8s.io|ResourceSlice': {
    columns: [
      NAME_COL,
      col('Node', 'string', 0, 'The node that provides the resources.'),
      col('Driver', 'string', 0, 'The driver that provides the resources.'),
      col('Pool', 'string', 0, 'The pool the slice belongs to.'),
      AGE_COL,
    ],
    cells: (s, now) => [
      s.metadata?.name ?? '',
      s.spec?.nodeName ?? '<none>',
      s.spec?.driver ?? '',
      s.spec?.pool?.name ?? '',
      age(s, now),
    ],
  },
  'apiextensions.k8s.io|CustomResourceDefinition': {
    columns: [
      NAME_COL,
      col('Created At', 'date', 0, 'The time the CRD was created.'),
    ],
    cells: c => [c.metadata?.name ?? '', c.metadata?.creationTimestamp ?? ''],
  },
};

/**
 * A tiny JSONPath subset for printer columns: `.a.b`, `.a[0]`, `.a[*].b` and
 * `.a[?(@.type=="Ready")].status`. Returns every match.
 */
export function evalJsonPath(obj: unknown, path: string): unknown[] {
  const expr = path
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  const tokens: string[] = [];
  for (const m of expr.matchAll(/\.([^.[\]]+)|\[([^\]]*)\]/g)) {
    tokens.push(m[1] !== undefined ? `.${m[1]}` : `[${m[2]}]`);
  }
  let current: unknown[] = [obj];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const c of current) {
      if (c === null || c === undefined) continue;
      if (t.startsWith('.')) {
        const v = (c as Obj)[t.slice(1)];
        if (v !== undefined) next.push(v);
        continue;
      }
      const inner = t.slice(1, -1);
      if (!Array.isArray(c)) continue;
      if (inner === '*') {
        next.push(...c);
      } else if (/^-?\d+$/.test(inner)) {
        const i = Number(inner);
        const v = c[i < 0 ? c.length + i : i];
        if (v !== undefined) next.push(v);
      } else {
        const f = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"']*)["']?\)$/.exec(inner);
        if (f) {
          const [, field, value] = f;
          for (const item of c) {
            const got = evalJsonPath(item, `.${field}`)[0];
            if (got !== undefined && String(got) === value) next.push(item);
          }
        }
      }
    }
    current = next;
  }
  return current;
}

function printerSpec(columns: PrinterColumn[]): TableSpec {
  return {
    columns: [
      NAME_COL,
      ...columns.map(c => ({
        name: c.name,
        type: c.type ?? 'string',
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    cells: (o, now) => [
      o.metadata?.name ?? '',
      ...columns.map(c => {
        const v = evalJsonPath(o, c.jsonPath);
        if (v.length === 0) return null;
        if (c.type === 'date') {
          const t = Date.parse(String(v[0]));
          return Number.isNaN(t) ? String(v[0]) : humanDuration(now - t);
        }
        if (c.type === 'integer' || c.type === 'number')
          return typeof v[0] === 'number' ? v[0] : Number(v[0]);
        if (c.type === 'boolean') return Boolean(v[0]);
        return v
          .map(x => (typeof x === 'object' ? JSON.stringify(x) : String(x)))
          .join(',');
      }),
    ],
  };
}

const GENERIC: TableSpec = {
  columns: [NAME_COL, AGE_COL],
  cells: (o, now) => [o.metadata?.name ?? '', age(o, now)],
};

function specFor(resource: ResourceInfo, version: string): TableSpec {
  const builtin = SPECS[resource.bucket];
  if (builtin && resource.builtin) return builtin;
  const printer = resource.printerColumns?.get(version);
  if (printer && printer.length > 0) return printerSpec(printer);
  return GENERIC;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/**
 * Builds a meta.k8s.io/v1 Table. `objects` are full objects (with kind/apiVersion).
 */
export function renderTable(
  resource: ResourceInfo,
  version: string,
  objects: Obj[],
  listMetadata: Record<string, unknown>,
  includeObject: IncludeObject,
  now = Date.now(),
): Obj {
  const spec = specFor(resource, version);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: spec.columns,
    rows: objects.map(o => {
      const row: Obj = { cells: spec.cells(o, now) };
      if (includeObject === 'Object') {
        row.object = o;
      } else if (includeObject === 'Metadata') {
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: o.metadata,
        };
      }
      return row;
    }),
  };
}

/** Whether an Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some(part => {
    const params = part.split(';').map(p => p.trim());
    return (
      params.includes('as=Table') &&
      (params.includes('g=meta.k8s.io') ||
        !params.some(p => p.startsWith('g=')))
    );
  });
}
