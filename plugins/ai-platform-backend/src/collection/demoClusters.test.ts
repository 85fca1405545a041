import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import {
  ClusterSnapshot,
  SnapshotPartName,
} from '@ai-platform/plugin-ai-platform-common';
import { computeClusterInventory } from '../inventory/computeClusterInventory';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from './ClusterCollector';

jest.setTimeout(60_000);

const KUBE_SIM = path.resolve(__dirname, '../../../../packages/kube-sim');
const ORACLE_FILE = path.join(KUBE_SIM, 'demo-expectations.json');
const TOKEN = 'demo-collector-token-13579bdf';

interface Oracle {
  folder: string;
  kubernetesVersion: string;
  nodes: number;
  gpus: { physical: number; allocatable: number; allocated: number };
  kueue: {
    localQueues: string[];
    clusterQueues?: string[];
    resourceFlavors?: string[];
    admittedWorkloads?: string[];
    pendingWorkloads?: string[];
  };
  volcano: { queues: string[]; podGroups?: string[]; jobs?: string[] };
}

const oracle: Record<string, Oracle> = JSON.parse(
  fs.readFileSync(ORACLE_FILE, 'utf8'),
);

/** Parts each demo folder must serve (the rest of what the folder has no CRDs for is not-served). */
const SERVED: Record<string, SnapshotPartName[]> = {
  'h100-prod': [
    'draDeviceClasses',
    'draResourceSlices',
    'draResourceClaims',
    'gatewayClasses',
    'gateways',
    'httpRoutes',
    'inferencePools',
    'inferenceServices',
    'llmInferenceServices',
    'servingRuntimes',
    'kagentAgents',
    'kagentModelConfigs',
    'kagentRemoteMcpServers',
    'kueue',
    'monitors',
  ],
  'a100-research': ['volcano', 'operatorResources'],
  // Kubernetes 1.36 serves resource.k8s.io/v1 without any driver installed.
  empty: ['draDeviceClasses', 'draResourceSlices', 'draResourceClaims'],
};

/** Parts every cluster serves (built-in APIs). */
const ALWAYS_OK: SnapshotPartName[] = [
  'version',
  'discovery',
  'crds',
  'apiServices',
  'namespaces',
  'nodes',
  'pods',
  'daemonSets',
  'deployments',
  'services',
  'configMaps',
  'runtimeClasses',
  'horizontalPodAutoscalers',
  'validatingWebhooks',
];

describe('collector against the demo clusters and fixtures', () => {
  let sim: KubeSim;
  const snapshots = new Map<string, ClusterSnapshot>();

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: Object.entries(oracle).map(([name, o]) => ({
        name,
        dir: path.join(KUBE_SIM, o.folder),
        token: TOKEN,
      })),
    });
    const collector = new ClusterCollector({
      settings: { ...DEFAULT_COLLECTION_SETTINGS, pageSize: 7 },
      logger: mockServices.logger.mock(),
    });
    for (const name of Object.keys(oracle)) {
      const outcome = await collector.collect({
        name,
        url: sim.cluster(name).url,
        source: 'config',
        auth: { type: 'serviceAccount', token: TOKEN },
      });
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      snapshots.set(name, outcome.snapshot);
    }
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it.each(Object.keys(oracle))(
    '%s: every part is ok or not-served, none in error',
    name => {
      const s = snapshots.get(name)!;
      const errors = Object.entries(s.parts).filter(
        ([, p]) => p!.status === 'error' || p!.error,
      );
      expect(errors).toEqual([]);
      for (const part of ALWAYS_OK) {
        expect([part, s.parts[part]?.status]).toEqual([part, 'ok']);
      }
      for (const part of SERVED[name] ?? []) {
        expect([part, s.parts[part]?.status]).toEqual([part, 'ok']);
      }
      expect(Object.keys(s.parts).sort()).toHaveLength(32);
    },
  );

  it('leaves every add-on part not-served on the empty cluster', () => {
    const s = snapshots.get('empty')!;
    const optional = Object.entries(s.parts).filter(
      ([part]) =>
        !ALWAYS_OK.includes(part as SnapshotPartName) &&
        !SERVED.empty.includes(part as SnapshotPartName),
    );
    expect(optional.length).toBeGreaterThan(10);
    expect(
      optional
        .filter(([, p]) => p!.status !== 'not-served')
        .map(([part]) => part),
    ).toEqual([]);
  });

  it.each(Object.keys(oracle))(
    '%s: version, nodes, queues and GPU totals agree with the oracle',
    name => {
      const s = snapshots.get(name)!;
      const o = oracle[name];
      expect(s.version!.gitVersion).toBe(o.kubernetesVersion);
      expect(s.nodes).toHaveLength(o.nodes);
      const kueue = s.scheduling.kueue;
      expect(
        kueue.localQueues.map(q => `${q.namespace}/${q.name}`).sort(),
      ).toEqual([...o.kueue.localQueues].sort());
      expect(kueue.clusterQueues.map(q => q.name).sort()).toEqual(
        [...(o.kueue.clusterQueues ?? [])].sort(),
      );
      expect(kueue.resourceFlavors.map(f => f.name).sort()).toEqual(
        [...(o.kueue.resourceFlavors ?? [])].sort(),
      );
      expect(kueue.workloads).toEqual({
        total:
          (o.kueue.admittedWorkloads?.length ?? 0) +
          (o.kueue.pendingWorkloads?.length ?? 0),
        admitted: o.kueue.admittedWorkloads?.length ?? 0,
      });
      const volcano = s.scheduling.volcano;
      expect(volcano.queues.map(q => q.name).sort()).toEqual(
        [...o.volcano.queues].sort(),
      );
      expect(volcano.podGroups.map(g => `${g.namespace}/${g.name}`)).toEqual(
        o.volcano.podGroups ?? [],
      );
      expect(volcano.jobs).toBe(o.volcano.jobs?.length ?? 0);

      const inventory = computeClusterInventory(s, { stale: false });
      expect({
        physical: inventory.gpus.physical,
        allocatable: inventory.gpus.allocatable,
        allocated: inventory.gpus.allocated,
      }).toEqual({
        physical: o.gpus.physical,
        allocatable: o.gpus.allocatable,
        allocated: o.gpus.allocated,
      });
    },
  );
});
