import { SchedulingInfo } from '@ai-platform/plugin-ai-platform-common';
import {
  arr,
  conditions,
  conditionState,
  meta,
  num,
  obj,
  quantityMap,
  quantityString,
  spec,
  status,
  str,
  strMap,
} from './common';

type Kueue = SchedulingInfo['kueue'];
type Volcano = SchedulingInfo['volcano'];

/** A Kueue ClusterQueue (v1beta2 `cohortName`, v1beta1 `cohort`). */
export function normalizeClusterQueue(
  raw: unknown,
): Kueue['clusterQueues'][number] {
  const s = spec(raw);
  const st = status(raw);
  const queue: Kueue['clusterQueues'][number] = {
    name: meta(raw).name,
    active: conditionState(conditions(st), 'Active'),
    flavors: arr(s.resourceGroups).flatMap(g =>
      arr(obj(g).flavors).map(f => {
        const flavor = obj(f);
        return {
          name: str(flavor.name) ?? '',
          resources: arr(flavor.resources).map(r => ({
            name: str(obj(r).name) ?? '',
            nominalQuota: quantityString(obj(r).nominalQuota) ?? '0',
          })),
        };
      }),
    ),
  };
  const cohort = str(s.cohortName) ?? str(s.cohort);
  if (cohort) queue.cohort = cohort;
  if (num(st.pendingWorkloads) !== undefined)
    queue.pendingWorkloads = num(st.pendingWorkloads);
  if (num(st.admittedWorkloads) !== undefined)
    queue.admittedWorkloads = num(st.admittedWorkloads);
  return queue;
}

export function normalizeLocalQueue(
  raw: unknown,
): Kueue['localQueues'][number] {
  const m = meta(raw);
  return {
    namespace: m.namespace ?? '',
    name: m.name,
    clusterQueue: str(spec(raw).clusterQueue) ?? '',
  };
}

export function normalizeResourceFlavor(
  raw: unknown,
): Kueue['resourceFlavors'][number] {
  return { name: meta(raw).name, nodeLabels: strMap(spec(raw).nodeLabels) };
}

/** A Kueue Workload is admitted when its Admitted condition is True (or, on old versions, it has an admission). */
export function isWorkloadAdmitted(raw: unknown): boolean {
  const st = status(raw);
  const admitted = conditionState(conditions(st), 'Admitted');
  return admitted === 'unknown'
    ? Object.keys(obj(st.admission)).length > 0
    : admitted;
}

export function normalizeVolcanoQueue(raw: unknown): Volcano['queues'][number] {
  const queue: Volcano['queues'][number] = {
    name: meta(raw).name,
    capability: quantityMap(spec(raw).capability),
  };
  const state = str(status(raw).state);
  if (state) queue.state = state;
  return queue;
}

export function normalizeVolcanoPodGroup(
  raw: unknown,
): Volcano['podGroups'][number] {
  const m = meta(raw);
  const s = spec(raw);
  const st = status(raw);
  const group: Volcano['podGroups'][number] = {
    namespace: m.namespace ?? '',
    name: m.name,
    minMember: num(s.minMember) ?? 0,
  };
  if (str(st.phase)) group.phase = str(st.phase);
  if (num(st.running) !== undefined) group.running = num(st.running);
  if (str(s.queue)) group.queue = str(s.queue);
  return group;
}

export function normalizeRuntimeClass(
  raw: unknown,
): SchedulingInfo['runtimeClasses'][number] {
  return { name: meta(raw).name, handler: str(obj(raw).handler) ?? '' };
}
