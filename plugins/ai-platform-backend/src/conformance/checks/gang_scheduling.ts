import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterSnapshot,
  EvidenceItem,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  conditionText,
  crdsOfGroup,
  describeWorkload,
  evidence,
  isReadable,
  isRunning,
  nsName,
  ref,
  result,
  servedVersions,
  unreadable,
  workloadRef,
} from './helpers';

interface GangSolution {
  name: string;
  group: string;
  /** The controller or scheduler that makes the API work. */
  isController: (w: WorkloadSummary) => boolean;
  /** Objects it reconciled: supporting and contrary evidence. */
  objects?: (s: ClusterSnapshot) => { items: EvidenceItem[]; broken?: string };
  /** The snapshot part those objects come from. */
  objectsPart?: 'kueue' | 'volcano';
}

const SOLUTIONS: GangSolution[] = [
  {
    name: 'Kueue',
    group: 'kueue.x-k8s.io',
    objectsPart: 'kueue',
    isController: w =>
      w.kind === 'Deployment' &&
      (w.name === 'kueue-controller-manager' ||
        (w.namespace === 'kueue-system' && w.name.includes('kueue'))),
    objects: s => {
      const k = s.scheduling.kueue;
      const items: EvidenceItem[] = [];
      const gv = k.apiVersion ?? 'kueue.x-k8s.io/v1beta1';
      for (const cq of k.clusterQueues) {
        items.push(
          evidence(
            'strong',
            cq.active === true,
            `ClusterQueue ${cq.name} Active=${conditionText(cq.active)}`,
            ref(gv, 'ClusterQueue', cq.name),
          ),
        );
      }
      if (k.localQueues.length) {
        items.push(
          evidence(
            'medium',
            true,
            `LocalQueues ${k.localQueues.map(nsName).join(', ')}`,
          ),
        );
      }
      if (k.workloads.total) {
        items.push(
          evidence(
            'strong',
            k.workloads.admitted > 0,
            `${k.workloads.admitted} of ${k.workloads.total} Kueue Workloads admitted`,
          ),
        );
      }
      const broken =
        k.clusterQueues.length > 0 &&
        !k.clusterQueues.some(cq => cq.active === true)
          ? 'no ClusterQueue is Active'
          : undefined;
      return broken ? { items, broken } : { items };
    },
  },
  {
    name: 'Volcano',
    group: 'scheduling.volcano.sh',
    objectsPart: 'volcano',
    isController: w =>
      w.kind === 'Deployment' && w.name === 'volcano-scheduler',
    objects: s => {
      const v = s.scheduling.volcano;
      const items: EvidenceItem[] = [];
      for (const pg of v.podGroups) {
        items.push(
          evidence(
            'strong',
            pg.phase === 'Running' ||
              pg.phase === 'Completed' ||
              pg.phase === 'Inqueue',
            `PodGroup ${nsName(pg)} (minMember ${pg.minMember}) phase ${
              pg.phase ?? 'unknown'
            }`,
            ref(
              'scheduling.volcano.sh/v1beta1',
              'PodGroup',
              pg.name,
              pg.namespace,
            ),
          ),
        );
      }
      if (v.queues.length) {
        items.push(
          evidence(
            'medium',
            true,
            `Queues ${v.queues
              .map(q => `${q.name}${q.state ? ` (${q.state})` : ''}`)
              .join(', ')}`,
          ),
        );
      }
      return { items };
    },
  },
  {
    name: 'KAI Scheduler',
    group: 'scheduling.run.ai',
    isController: w =>
      w.kind === 'Deployment' &&
      /scheduler/.test(w.name) &&
      /kai/.test(`${w.namespace}/${w.name}`),
  },
  {
    name: 'scheduler-plugins coscheduling',
    group: 'scheduling.x-k8s.io',
    isController: w =>
      w.kind === 'Deployment' && /scheduler-plugins|coscheduling/.test(w.name),
  },
];

const CANNOT_PROVE =
  'All-or-nothing placement (none of the pods running when capacity is short) needs the active test (TestGangScheduling).';

/**
 * KAR-0053. Pass: a gang scheduler's API is served and its controller is
 * ready (Kueue, Volcano, KAI, coscheduling), with no sign its objects are
 * broken. Partial: the API without a ready controller, objects not
 * reconciled, or only the native alpha Workload API. Fail: none.
 */
export const gangSchedulingCheck: ConformanceCheck = {
  requirementId: 'gang_scheduling',
  evaluate(s) {
    if (!isReadable(s, 'discovery') || !isReadable(s, 'crds')) {
      return unreadable(s, ['discovery', 'crds'], [], 'the served APIs');
    }
    const present = SOLUTIONS.filter(
      sol =>
        servedVersions(s, sol.group).length > 0 ||
        crdsOfGroup(s, sol.group).length > 0,
    );
    const nativeVersions = servedVersions(s, 'scheduling.k8s.io').filter(v =>
      v.startsWith('v1alpha'),
    );
    const native = nativeVersions.filter(v =>
      (
        s.discovery.resources[`scheduling.k8s.io/${v}`] ?? ['workloads']
      ).includes('workloads'),
    );
    if (!present.length && !native.length) {
      return result(
        'fail',
        'No gang-scheduling API or controller (no kueue.x-k8s.io, scheduling.volcano.sh, scheduling.run.ai, scheduling.x-k8s.io or scheduling.k8s.io Workload)',
        [
          evidence(
            'strong',
            false,
            'None of the gang-scheduling API groups is served',
          ),
        ],
      );
    }
    if (present.length && !isReadable(s, 'deployments')) {
      return unreadable(
        s,
        ['deployments'],
        present.map(sol =>
          evidence('strong', true, `${sol.name} API ${sol.group} present`),
        ),
        'the scheduler controllers',
      );
    }

    const items: EvidenceItem[] = [];
    const working: string[] = [];
    const gaps: string[] = [];
    const unsettled: typeof SOLUTIONS = [];
    for (const sol of present) {
      const versions = servedVersions(s, sol.group);
      items.push(
        evidence(
          'strong',
          true,
          `${sol.name}: ${sol.group} ${
            versions.length
              ? `served (${versions.join(', ')})`
              : 'CRDs installed but not served'
          }`,
        ),
      );
      const controllers = s.workloads.deployments.filter(sol.isController);
      for (const c of controllers) {
        items.push(
          evidence(
            'strong',
            isRunning(c),
            `${sol.name}: ${describeWorkload(c)}`,
            workloadRef(c),
          ),
        );
      }
      const objects = sol.objects?.(s) ?? { items: [] };
      items.push(...objects.items);
      const ready = controllers.some(isRunning) && versions.length > 0;
      const objectsReadable =
        !sol.objectsPart || isReadable(s, sol.objectsPart);
      if (ready && !objectsReadable) unsettled.push(sol);
      else if (ready && !objects.broken) working.push(sol.name);
      else if (ready) gaps.push(`${sol.name}: ${objects.broken}`);
      else gaps.push(`${sol.name}: CRDs without a ready controller`);
    }
    if (native.length) {
      items.push(
        evidence(
          'medium',
          true,
          `Native Workload API scheduling.k8s.io/${native.join(
            ', ',
          )} served (alpha, GenericWorkload and GangScheduling gates)`,
        ),
      );
    }

    if (working.length) {
      return result(
        'pass',
        `${working.join(', ')} ${
          working.length === 1 ? 'is' : 'are'
        } installed and running`,
        items,
        { cannotProve: CANNOT_PROVE },
      );
    }
    if (unsettled.length) {
      return unreadable(
        s,
        unsettled.map(sol => sol.objectsPart!),
        items,
        `the ${unsettled.map(sol => sol.name).join(', ')} objects`,
      );
    }
    if (gaps.length) {
      return result(
        'partial',
        `Gang scheduling installed but not working: ${gaps.join('; ')}`,
        items,
        {
          cannotProve: CANNOT_PROVE,
        },
      );
    }
    return result(
      'partial',
      `Only the native alpha Workload API (scheduling.k8s.io/${native.join(
        ', ',
      )}) is served`,
      items,
      { cannotProve: CANNOT_PROVE },
    );
  },
};
