import { ClusterInventory } from '@ai-platform/plugin-ai-platform-common';
import {
  clusterStatus,
  COLLECTED_AT,
  validationError,
  fakeConformance,
  fakeInventory,
  fakeSnapshots,
  invoke,
  permissionsDenying,
  registry,
  requirement,
  scorecard,
} from './__testUtils__/fakes';
import { createGetClusterAction } from './createGetClusterAction';

const inventory: ClusterInventory = {
  cluster: 'h100-prod',
  collectedAt: COLLECTED_AT,
  stale: false,
  nodes: 8,
  gpuNodes: 5,
  gpus: {
    physical: 40,
    allocatable: 40,
    allocated: 23,
    free: 17,
    byProduct: [
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        physical: 40,
        allocatable: 40,
        allocated: 23,
        free: 17,
        nodes: 5,
      },
    ],
    byVendor: [
      {
        vendor: 'nvidia',
        physical: 40,
        allocatable: 40,
        allocated: 23,
        free: 17,
      },
    ],
  },
  partitions: [],
  dra: { devices: 16, allocated: 8, byDriver: {} },
  nodeInventory: [],
};

describe('get-cluster', () => {
  function setup(denied: string[] = []) {
    const actions = registry();
    createGetClusterAction({
      actionsRegistry: actions,
      snapshots: fakeSnapshots([
        clusterStatus('h100-prod', { title: 'H100 production' }),
        clusterStatus('new-one', {
          state: 'pending',
          snapshotCollectedAt: undefined,
        }),
      ]),
      inventory: fakeInventory({ cluster: { 'h100-prod': inventory } }).service,
      conformance: fakeConformance({
        'h100-prod': scorecard('h100-prod', [
          requirement('dra_support', 'MUST', 'pass'),
          requirement('secure_accelerator_access', 'MUST', 'partial'),
          requirement('gpu_sharing', 'SHOULD', 'partial'),
          requirement('virtualized_accelerator', 'SHOULD', 'not-applicable'),
        ]),
      }).service,
      permissions: permissionsDenying(...denied),
    });
    return actions;
  }

  it('summarizes status, GPU totals and conformance', async () => {
    const output = await invoke(setup(), 'get-cluster', {
      cluster: 'h100-prod',
    });
    expect(output.cluster).toMatchObject({ name: 'h100-prod', state: 'fresh' });
    expect(output.gpus).toMatchObject({
      nodes: 8,
      gpuNodes: 5,
      physical: 40,
      allocatable: 40,
      allocated: 23,
      free: 17,
      byProduct: [
        {
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryGiB: 80,
          physical: 40,
          free: 17,
          nodes: 5,
        },
      ],
      draDevices: { devices: 16, allocated: 8 },
    });
    expect(output.conformance).toMatchObject({
      checklistVersion: '1.35',
      readiness: 'needs-active-tests',
      must: { total: 2, pass: 1, partial: 1 },
      notPassing: [
        { id: 'secure_accelerator_access', level: 'MUST', verdict: 'partial' },
        { id: 'gpu_sharing', level: 'SHOULD', verdict: 'partial' },
      ],
    });
    expect(output.omitted).toBeUndefined();
    expect(output.summary).toBe(
      `h100-prod (H100 production): fresh, collected ${COLLECTED_AT}; Kubernetes v1.35.2; 40 physical GPUs on 5 GPU nodes, 17 of 40 schedulable units free; conformance 1.35: 1 of 2 MUSTs pass, readiness needs-active-tests`,
    );
  });

  it('leaves out what the caller may not read, and says so', async () => {
    const output = await invoke(
      setup(['ai-platform.inventory.read', 'ai-platform.scorecard.read']),
      'get-cluster',
      { cluster: 'h100-prod' },
    );
    expect(output.gpus).toBeUndefined();
    expect(output.conformance).toBeUndefined();
    expect(output.omitted).toEqual([
      'gpus: not allowed (ai-platform.inventory.read)',
      'conformance: not allowed (ai-platform.scorecard.read)',
    ]);
  });

  it('answers for a cluster that was never collected', async () => {
    const output = await invoke(setup(), 'get-cluster', { cluster: 'new-one' });
    expect(output.cluster.state).toBe('pending');
    expect(output.omitted).toEqual([
      'gpus: the cluster has no collected data yet (pending)',
      'conformance: the cluster has no collected data yet (pending)',
    ]);
    expect(output.summary).toBe(
      'new-one: not collected yet; Kubernetes v1.35.2',
    );
  });

  it('says an unknown cluster is unknown, and a malformed name is malformed', async () => {
    await expect(
      invoke(setup(), 'get-cluster', { cluster: 'nope' }),
    ).rejects.toThrow(
      'No cluster named "nope"; list-clusters lists the known clusters',
    );
    expect(
      await validationError(
        invoke(setup(), 'get-cluster', { cluster: 'bad name!' }),
      ),
    ).toEqual({
      arguments: ['cluster'],
      problems: [expect.stringMatching(/a cluster name uses letters, digits/)],
    });
    expect(await validationError(invoke(setup(), 'get-cluster', {}))).toEqual({
      arguments: ['cluster'],
      problems: [expect.stringMatching(/Required/)],
    });
  });
});
