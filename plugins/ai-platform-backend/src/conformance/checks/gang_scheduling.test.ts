import { gangSchedulingCheck } from './gang_scheduling';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
  serve,
  workload,
} from '../__testUtils__/snapshots';

function kueue(controllerReady = 1, active: boolean | 'unknown' = true) {
  const s = cluster(35);
  for (const [plural, kind] of [
    ['clusterqueues', 'ClusterQueue'],
    ['localqueues', 'LocalQueue'],
    ['resourceflavors', 'ResourceFlavor'],
    ['workloads', 'Workload'],
  ]) {
    crd(s, plural, 'kueue.x-k8s.io', kind, {
      versions: ['v1beta2', 'v1beta1'],
    });
  }
  workload(s, 'Deployment', 'kueue-system', 'kueue-controller-manager', {
    templateLabels: { 'control-plane': 'controller-manager' },
    desired: 1,
    ready: controllerReady,
  });
  s.scheduling.kueue.apiVersion = 'kueue.x-k8s.io/v1beta2';
  s.scheduling.kueue.clusterQueues.push({
    name: 'gpu-cluster-queue',
    active,
    flavors: [],
  });
  s.scheduling.kueue.localQueues.push({
    namespace: 'team-nlp',
    name: 'nlp-queue',
    clusterQueue: 'gpu-cluster-queue',
  });
  s.scheduling.kueue.workloads = { total: 2, admitted: 1 };
  return s;
}

function volcano() {
  const s = cluster(33);
  crd(s, 'podgroups', 'scheduling.volcano.sh', 'PodGroup', {
    versions: ['v1beta1'],
  });
  crd(s, 'queues', 'scheduling.volcano.sh', 'Queue', {
    versions: ['v1beta1'],
    scope: 'Cluster',
  });
  crd(s, 'jobs', 'batch.volcano.sh', 'Job', { versions: ['v1alpha1'] });
  workload(s, 'Deployment', 'volcano-system', 'volcano-scheduler');
  workload(s, 'Deployment', 'volcano-system', 'volcano-controllers');
  s.scheduling.volcano.queues.push({
    name: 'default',
    state: 'Open',
    capability: {},
  });
  s.scheduling.volcano.podGroups.push({
    namespace: 'research',
    name: 'ddp-resnet50-15e4',
    minMember: 4,
    phase: 'Running',
    running: 4,
    queue: 'research',
  });
  return s;
}

describe('gang_scheduling', () => {
  it('passes with Kueue served, its controller Ready and an Active ClusterQueue', () => {
    const e = run(gangSchedulingCheck, kueue());
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe('Kueue is installed and running');
    expect(e.cannotProve).toMatch(/TestGangScheduling/);
    expectWellFormed(e);
  });

  it('passes with Volcano and its scheduler in volcano-system', () => {
    const e = run(gangSchedulingCheck, volcano(), '1.33');
    expect(e.verdict).toBe('pass');
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        summary:
          'PodGroup research/ddp-resnet50-15e4 (minMember 4) phase Running',
        object: {
          apiVersion: 'scheduling.volcano.sh/v1beta1',
          kind: 'PodGroup',
          namespace: 'research',
          name: 'ddp-resnet50-15e4',
        },
      }),
    );
  });

  it('is partial when the Kueue CRDs have no ready controller', () => {
    const e = run(gangSchedulingCheck, kueue(0));
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'Gang scheduling installed but not working: Kueue: CRDs without a ready controller',
    );
  });

  it('is partial when no ClusterQueue is Active', () => {
    expect(run(gangSchedulingCheck, kueue(1, false)).reason).toMatch(
      /no ClusterQueue is Active/,
    );
  });

  it('is partial with only the native alpha Workload API', () => {
    const s = serve(cluster(36), 'scheduling.k8s.io', ['v1', 'v1alpha2'], {
      v1alpha2: ['workloads', 'podgroups'],
    });
    const e = run(gangSchedulingCheck, s);
    expect(e.verdict).toBe('partial');
    expect(e.reason).toMatch(
      /native alpha Workload API \(scheduling.k8s.io\/v1alpha2\)/,
    );
  });

  it('fails without any gang scheduler', () => {
    const e = run(gangSchedulingCheck, cluster(34), '1.34');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(/^No gang-scheduling API or controller/);
  });

  it('is unknown when the CRDs cannot be read', () => {
    expect(run(gangSchedulingCheck, forbid(kueue(), 'crds')).verdict).toBe(
      'unknown',
    );
  });

  it('is unknown when the Kueue API is there but Deployments cannot be read', () => {
    const e = run(gangSchedulingCheck, forbid(kueue(), 'deployments'));
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(
      /the scheduler controllers: deployments \(forbidden/,
    );
  });

  it('is unknown when the controller runs but the Kueue objects cannot be read', () => {
    expect(run(gangSchedulingCheck, forbid(kueue(), 'kueue')).verdict).toBe(
      'unknown',
    );
  });
});
