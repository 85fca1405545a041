import {
  ClusterSnapshot,
  EvidenceItem,
  EvidenceStrength,
  NodeSummary,
  RequirementEvaluation,
  ResourceSliceSummary,
  SnapshotPartName,
  Verdict,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';

/** Object reference in the shape evidence items use. */
export type EvidenceObject = NonNullable<EvidenceItem['object']>;

export function ref(
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): EvidenceObject {
  return namespace
    ? { apiVersion, kind, namespace, name }
    : { apiVersion, kind, name };
}

export function evidence(
  strength: EvidenceStrength,
  supports: boolean,
  summary: string,
  object?: EvidenceObject,
): EvidenceItem {
  return object
    ? { strength, supports, summary, object }
    : { strength, supports, summary };
}

export function result(
  verdict: Verdict,
  reason: string,
  items: EvidenceItem[],
  extra: Pick<RequirementEvaluation, 'cannotProve' | 'limitedByReadOnly'> = {},
): RequirementEvaluation {
  const out: RequirementEvaluation = { verdict, reason, evidence: items };
  if (extra.cannotProve) out.cannotProve = extra.cannotProve;
  if (extra.limitedByReadOnly) out.limitedByReadOnly = true;
  return out;
}

// -------------------------------------------------------------------- parts

/**
 * A part is readable when it was read completely (`ok`) or the cluster does
 * not serve it (`not-served`, a fact). A part with `error`, or one the
 * collection did not record at all, cannot be relied on.
 */
export function isReadable(s: ClusterSnapshot, part: SnapshotPartName) {
  const status = s.parts[part]?.status;
  return status === 'ok' || status === 'not-served';
}

/** "nodes (forbidden: nodes is forbidden ...)" for each unreadable part. */
export function describeUnreadable(
  s: ClusterSnapshot,
  parts: SnapshotPartName[],
): string | undefined {
  const problems = parts
    .filter(p => !isReadable(s, p))
    .map(p => {
      const part = s.parts[p];
      if (!part) return `${p} (not collected)`;
      const error = part.error;
      return error
        ? `${p} (${error.reason}${
            error.httpStatus ? ` ${error.httpStatus}` : ''
          }: ${error.message})`
        : `${p} (read failed)`;
    });
  return problems.length ? problems.join('; ') : undefined;
}

/** The `unknown` verdict for parts that could not be read. */
export function unreadable(
  s: ClusterSnapshot,
  parts: SnapshotPartName[],
  items: EvidenceItem[] = [],
  what = 'the evidence',
): RequirementEvaluation {
  return result(
    'unknown',
    `Could not read ${what}: ${
      describeUnreadable(s, parts) ?? parts.join(', ')
    }`,
    items,
  );
}

// ---------------------------------------------------------------- discovery

export function servedVersions(s: ClusterSnapshot, group: string): string[] {
  return s.discovery.groups[group]?.versions ?? [];
}

export function isServed(s: ClusterSnapshot, group: string, version?: string) {
  const versions = servedVersions(s, group);
  return version ? versions.includes(version) : versions.length > 0;
}

/** Resource names listed for a group/version, if the collector recorded them. */
export function servedResources(
  s: ClusterSnapshot,
  groupVersion: string,
): string[] | undefined {
  return s.discovery.resources[groupVersion];
}

export function crdsOfGroup(s: ClusterSnapshot, group: string) {
  return s.crds.filter(c => c.group === group);
}

export function crdNamed(s: ClusterSnapshot, name: string) {
  return s.crds.find(c => c.name === name);
}

/** A group is present when discovery serves it or one of its CRDs exists. */
export function groupPresent(s: ClusterSnapshot, group: string): boolean {
  return isServed(s, group) || crdsOfGroup(s, group).length > 0;
}

// ---------------------------------------------------------------- workloads

export function allWorkloads(s: ClusterSnapshot): WorkloadSummary[] {
  return [...s.workloads.deployments, ...s.workloads.daemonSets];
}

/** Every wanted replica is ready (and at least one is wanted). */
export function isHealthy(w: WorkloadSummary): boolean {
  return w.desired > 0 && w.ready >= w.desired;
}

/** At least one replica is ready. */
export function isRunning(w: WorkloadSummary): boolean {
  return w.ready > 0;
}

export function workloadRef(w: WorkloadSummary): EvidenceObject {
  return ref('apps/v1', w.kind, w.name, w.namespace);
}

export function describeWorkload(w: WorkloadSummary): string {
  return `${w.kind} ${w.namespace}/${w.name} ready ${w.ready}/${w.desired}`;
}

export function labelsMatch(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Deployments or DaemonSets whose pods a Service selects. */
export function workloadsBehindService(
  s: ClusterSnapshot,
  service: { namespace: string; name: string },
): WorkloadSummary[] {
  const svc = s.services.find(
    x => x.namespace === service.namespace && x.name === service.name,
  );
  if (!svc) return [];
  return allWorkloads(s).filter(
    w =>
      w.namespace === svc.namespace &&
      labelsMatch(svc.selector, w.templateLabels),
  );
}

// ---------------------------------------------------------------------- DRA

export interface DraPool {
  driver: string;
  name: string;
  generation: number;
  expectedSlices: number;
  slices: ResourceSliceSummary[];
  complete: boolean;
  nodeName?: string;
  devices: number;
}

/**
 * ResourceSlice pools at their newest generation. A pool is complete when
 * all the slices it announces (`resourceSliceCount`) are there; older
 * generations are being replaced and do not count.
 */
export function draPools(s: ClusterSnapshot): DraPool[] {
  const byPool = new Map<string, ResourceSliceSummary[]>();
  for (const slice of s.dra.resourceSlices) {
    const key = `${slice.driver}\u0000${slice.pool.name}`;
    byPool.set(key, [...(byPool.get(key) ?? []), slice]);
  }
  const pools: DraPool[] = [];
  for (const slices of byPool.values()) {
    const generation = Math.max(...slices.map(x => x.pool.generation));
    const current = slices.filter(x => x.pool.generation === generation);
    const expectedSlices = Math.max(
      ...current.map(x => x.pool.resourceSliceCount),
    );
    const nodeName = current.find(x => x.nodeName)?.nodeName;
    const pool: DraPool = {
      driver: current[0].driver,
      name: current[0].pool.name,
      generation,
      expectedSlices,
      slices: current,
      complete: current.length >= expectedSlices,
      devices: current.reduce((n, x) => n + x.devices.length, 0),
    };
    if (nodeName) pool.nodeName = nodeName;
    pools.push(pool);
  }
  return pools.sort((a, b) =>
    `${a.driver}/${a.name}`.localeCompare(`${b.driver}/${b.name}`),
  );
}

/** Drivers of network devices, which are not accelerators. */
export const NETWORK_DRA_DRIVERS = /(^|\.)dra\.net$|networking|^dranet/i;

/** Accelerator DRA drivers: gpu.nvidia.com, gpu.amd.com, gpu.intel.com, tpu.google.com, ... */
export function isAcceleratorDriver(driver: string): boolean {
  return (
    !NETWORK_DRA_DRIVERS.test(driver) &&
    /gpu|tpu|npu|neuron|gaudi|accelerator/i.test(driver)
  );
}

export function nodeByName(
  s: ClusterSnapshot,
  name: string | undefined,
): NodeSummary | undefined {
  return name ? s.nodes.find(n => n.name === name) : undefined;
}

/** Ready and not cordoned. */
export function isSchedulable(node: NodeSummary | undefined): boolean {
  return !!node && node.ready === true && !node.unschedulable;
}

// -------------------------------------------------------------------- misc

/** A condition status as Kubernetes writes it. */
export function conditionText(value: boolean | 'unknown'): string {
  if (value === 'unknown') return 'Unknown';
  return value ? 'True' : 'False';
}

export { joinNames } from '@ai-platform/plugin-ai-platform-common';

export function countLabel(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function nsName(o: { namespace?: string; name: string }): string {
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}
