import {
  isWorkloadAdmitted,
  normalizeClusterQueue,
  normalizeLocalQueue,
  normalizeResourceFlavor,
  normalizeRuntimeClass,
  normalizeVolcanoPodGroup,
  normalizeVolcanoQueue,
} from './scheduling';
import { kueueObjects, miscObjects } from '../__testUtils__/objects';

const byKind = (kind: string) => kueueObjects.filter(o => o.kind === kind);

describe('Kueue normalizers', () => {
  it('reads a ClusterQueue with flavors, quotas and workload counts', () => {
    expect(normalizeClusterQueue(byKind('ClusterQueue')[0])).toEqual({
      name: 'cluster-queue',
      active: true,
      cohort: 'research',
      flavors: [
        {
          name: 'h100',
          resources: [
            { name: 'nvidia.com/gpu', nominalQuota: '64' },
            { name: 'cpu', nominalQuota: '9' },
          ],
        },
      ],
      pendingWorkloads: 3,
      admittedWorkloads: 2,
    });
  });

  it('reads the v1beta1 cohort field', () => {
    expect(
      normalizeClusterQueue({
        metadata: { name: 'q' },
        spec: { cohort: 'team' },
      }),
    ).toMatchObject({ cohort: 'team', active: 'unknown', flavors: [] });
  });

  it('reads local queues and flavors', () => {
    expect(normalizeLocalQueue(byKind('LocalQueue')[0])).toEqual({
      namespace: 'team-a',
      name: 'user-queue',
      clusterQueue: 'cluster-queue',
    });
    expect(normalizeResourceFlavor(byKind('ResourceFlavor')[0])).toEqual({
      name: 'h100',
      nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' },
    });
  });

  it('tells admitted workloads from pending ones', () => {
    expect(byKind('Workload').map(isWorkloadAdmitted)).toEqual([true, false]);
    expect(
      isWorkloadAdmitted({ status: { admission: { clusterQueue: 'cq' } } }),
    ).toBe(true);
  });
});

describe('Volcano and runtime classes', () => {
  it('reads a Volcano queue and pod group', () => {
    expect(
      normalizeVolcanoQueue({
        metadata: { name: 'research' },
        spec: {
          weight: 1,
          capability: { 'nvidia.com/gpu': '64' },
          reclaimable: true,
        },
        status: { state: 'Open', running: 2 },
      }),
    ).toEqual({
      name: 'research',
      state: 'Open',
      capability: { 'nvidia.com/gpu': '64' },
    });
    expect(
      normalizeVolcanoPodGroup({
        metadata: { name: 'train-job-pg', namespace: 'research' },
        spec: {
          minMember: 8,
          queue: 'research',
          minResources: { 'nvidia.com/gpu': '64' },
        },
        status: { phase: 'Running', running: 8 },
      }),
    ).toEqual({
      namespace: 'research',
      name: 'train-job-pg',
      minMember: 8,
      phase: 'Running',
      running: 8,
      queue: 'research',
    });
  });

  it('reads a RuntimeClass handler', () => {
    expect(
      normalizeRuntimeClass(miscObjects.find(o => o.kind === 'RuntimeClass')),
    ).toEqual({ name: 'nvidia', handler: 'nvidia' });
  });
});
