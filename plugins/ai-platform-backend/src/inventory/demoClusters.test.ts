// The demo clusters and fixtures served by kube-sim over real HTTP, read by
// the real collector, must give exactly the oracle's inventory numbers
// (packages/kube-sim/demo-expectations.json).
import { mockServices } from '@backstage/backend-test-utils';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import {
  ClusterInventory,
  ClusterSnapshot,
} from '@ai-platform/plugin-ai-platform-common';
import fs from 'fs';
import path from 'path';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';
import { computeClusterInventory } from './computeClusterInventory';
import { fitCapacity } from './fitCapacity';
import { nodeExclusions } from './placementRules';

const KUBE_SIM = path.resolve(__dirname, '../../../../packages/kube-sim');
const TOKEN = 'demo-token-0123456789abcdef';

interface OracleCounts {
  physical: number;
  allocatable: number;
  allocated: number;
  free?: number;
}

interface OracleCluster {
  folder: string;
  nodes: number;
  gpuNodes: number;
  gpus: OracleCounts;
  byProduct: (OracleCounts & {
    vendor: string;
    product: string;
    memoryMiB: number | null;
  })[];
  partitions: {
    resourceName: string;
    kind: string;
    profile?: string | null;
    memoryMiB?: number | null;
    allocatable: number;
    allocated: number;
    replicas?: number;
  }[];
  dra: {
    devices: number;
    allocated: number;
    byDriver: Record<
      string,
      { pools: number; completePools: number; devices: number }
    >;
  };
  fit: { schedulableFree: number; maxWholeGpusFreeOnOneNode: number };
  perNode: Record<
    string,
    OracleCounts & { free: number; ready: boolean; schedulable: boolean }
  >;
}

const oracle: Record<string, OracleCluster> = JSON.parse(
  fs.readFileSync(path.join(KUBE_SIM, 'demo-expectations.json'), 'utf8'),
);
const names = Object.keys(oracle);

const orNull = (v: unknown) => (v === undefined ? null : v);

describe('inventory of the demo clusters (kube-sim over HTTP, real collector)', () => {
  let sim: KubeSim;
  const inventories = new Map<string, ClusterInventory>();

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: names.map(name => ({
        name,
        dir: path.join(KUBE_SIM, oracle[name].folder),
        token: TOKEN,
      })),
    });
    const collector = new ClusterCollector({
      settings: { ...DEFAULT_COLLECTION_SETTINGS, pageSize: 50 },
      logger: mockServices.logger.mock(),
    });
    for (const name of names) {
      const outcome = await collector.collect({
        name,
        url: sim.cluster(name).url,
        source: 'config',
        auth: { type: 'serviceAccount', token: TOKEN },
      });
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      const snapshot: ClusterSnapshot = outcome.snapshot;
      inventories.set(
        name,
        computeClusterInventory(snapshot, { stale: false }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
  });

  describe.each(names)('%s', name => {
    const expected = oracle[name];
    const inventory = () => inventories.get(name)!;

    it('has the oracle totals', () => {
      const inv = inventory();
      expect({
        nodes: inv.nodes,
        gpuNodes: inv.gpuNodes,
        gpus: {
          physical: inv.gpus.physical,
          allocatable: inv.gpus.allocatable,
          allocated: inv.gpus.allocated,
          free: inv.gpus.free,
        },
      }).toEqual({
        nodes: expected.nodes,
        gpuNodes: expected.gpuNodes,
        gpus: expected.gpus,
      });
    });

    it('has the oracle products', () => {
      const actual = inventory().gpus.byProduct.map(p => ({
        vendor: p.vendor,
        product: p.product,
        memoryMiB: orNull(p.memoryMiB),
        physical: p.physical,
        allocatable: p.allocatable,
        allocated: p.allocated,
      }));
      expect(actual).toEqual(expect.arrayContaining(expected.byProduct));
      expect(actual).toHaveLength(expected.byProduct.length);
    });

    it('has the oracle partitions', () => {
      const actual = inventory().partitions.map(p => ({
        resourceName: p.resourceName,
        kind: p.kind,
        profile: orNull(p.profile),
        memoryMiB: orNull(p.memoryMiB),
        allocatable: p.allocatable,
        allocated: p.allocated,
        ...(p.replicas !== undefined ? { replicas: p.replicas } : {}),
      }));
      const wanted = expected.partitions.map(p => ({
        ...p,
        profile: orNull(p.profile),
        memoryMiB: orNull(p.memoryMiB),
      }));
      expect(actual).toEqual(expect.arrayContaining(wanted));
      expect(actual).toHaveLength(wanted.length);
    });

    it('has the oracle DRA counts', () => {
      const dra = inventory().dra;
      expect({
        devices: dra.devices,
        allocated: dra.allocated,
        byDriver: Object.fromEntries(
          Object.entries(dra.byDriver).map(([driver, d]) => [
            driver,
            {
              pools: d.pools,
              completePools: d.completePools,
              devices: d.devices,
            },
          ]),
        ),
      }).toEqual(expected.dra);
    });

    it('has the oracle numbers on every node', () => {
      const actual = Object.fromEntries(
        inventory().nodeInventory.map(n => [
          n.name,
          {
            physical: n.physical,
            allocatable: n.allocatable,
            allocated: n.allocated,
            free: n.free,
            // The oracle writes Ready=Unknown as not ready; we keep 'unknown' (checked below).
            ready: n.ready === true,
            schedulable: n.schedulable,
          },
        ]),
      );
      expect(actual).toEqual(expected.perNode);
      const notReady = inventory().nodeInventory.filter(n => n.ready !== true);
      expect(notReady.map(n => nodeExclusions(n)[0])).toEqual(
        notReady.map(() => expect.stringMatching(/^node NotReady/)),
      );
    });

    it('agrees with the oracle on what can be scheduled now', () => {
      const eligible = inventory().nodeInventory.filter(
        n => nodeExclusions(n).length === 0,
      );
      const schedulableFree = eligible.reduce((s, n) => s + n.free, 0);
      const maxWhole = Math.max(
        0,
        ...eligible.flatMap(n =>
          n.units.filter(u => u.kind === 'whole').map(u => u.free),
        ),
      );
      expect({ schedulableFree, maxWholeGpusFreeOnOneNode: maxWhole }).toEqual(
        expected.fit,
      );

      const whole = { clusters: [name], allowMig: false, allowShared: false };
      // The largest whole-GPU request fits somewhere (when there is one); one more does not.
      const largest = fitCapacity([inventory()], {
        ...whole,
        count: Math.max(1, maxWhole),
      });
      expect(largest.fits.length > 0).toBe(maxWhole > 0);
      expect(largest.fits.every(f => f.freeUnits >= maxWhole)).toBe(true);
      const tooMany = fitCapacity([inventory()], {
        ...whole,
        count: maxWhole + 1,
      });
      expect(tooMany.fits).toEqual([]);
    });
  });
});
