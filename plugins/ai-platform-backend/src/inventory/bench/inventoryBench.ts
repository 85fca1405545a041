/* eslint-disable no-console */
// Prints how long inventory takes for a 100-cluster fleet with 5,000 GPU
// nodes: the first computation per snapshot, then the request path (cached
// inventory, filters, paging, capacity fit, JSON encoding), p50/p99.
// Run: cd plugins/ai-platform-backend && yarn sucrase-node src/inventory/bench/inventoryBench.ts
import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { performance } from 'perf_hooks';
import { computeClusterInventory } from '../computeClusterInventory';
import { createInventoryService } from '../createInventoryService';
import {
  a100MigBalancedNode,
  claim,
  FakeSnapshots,
  h100DevicePluginNode,
  h100DraDevice,
  h100DraNode,
  mi300xNode,
  pod,
  slice,
  snapshotOf,
} from '../testFixtures';

const CLUSTERS = Number(process.env.CLUSTERS ?? 100);
const NODES_PER_CLUSTER = Number(process.env.NODES ?? 50);
const ITERATIONS = Number(process.env.ITERATIONS ?? 500);

function clusterSnapshot(c: number): ClusterSnapshot {
  const name = `cluster-${String(c).padStart(3, '0')}`;
  const nodes = [];
  const pods = [];
  const slices = [];
  const claims = [];
  for (let i = 0; i < NODES_PER_CLUSTER; i++) {
    const nodeName = `${name}-gpu-${String(i).padStart(4, '0')}`;
    const kind = i % 10;
    if (kind < 6) {
      nodes.push(h100DevicePluginNode(nodeName, { ready: i % 97 !== 0 }));
      for (let p = 0; p < (i + c) % 6; p++) {
        pods.push(
          pod(`${nodeName}-job-${p}`, nodeName, { 'nvidia.com/gpu': 1 }),
        );
      }
      pods.push(
        pod(
          `${nodeName}-validator`,
          nodeName,
          { 'nvidia.com/gpu': 1 },
          { phase: 'Succeeded' },
        ),
      );
    } else if (kind < 8) {
      nodes.push(h100DraNode(nodeName));
      slices.push(
        slice(
          nodeName,
          Array.from({ length: 8 }, (_, d) => h100DraDevice(d, nodeName)),
        ),
      );
      claims.push(
        claim('llm', `${nodeName}-claim`, [
          { pool: nodeName, device: 'gpu-0' },
          { pool: nodeName, device: 'gpu-1' },
        ]),
      );
    } else if (kind === 8) {
      nodes.push(a100MigBalancedNode(nodeName));
      pods.push(
        pod(`${nodeName}-mig`, nodeName, { 'nvidia.com/mig-1g.10gb': 3 }),
      );
    } else {
      nodes.push(mi300xNode(nodeName));
      pods.push(pod(`${nodeName}-rocm`, nodeName, { 'amd.com/gpu': 4 }));
    }
  }
  return snapshotOf(
    name,
    { nodes, pods, slices, claims },
    new Date(Date.UTC(2026, 7, 20, 10, c)).toISOString(),
  );
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) JSON.stringify(await fn()); // warm-up (JIT)
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    JSON.stringify(await fn());
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} p50 ${percentile(samples, 50)
      .toFixed(2)
      .padStart(7)} ms   p99 ${percentile(samples, 99)
      .toFixed(2)
      .padStart(7)} ms`,
  );
}

async function main() {
  const snapshots = Array.from({ length: CLUSTERS }, (_, c) =>
    clusterSnapshot(c),
  );
  const nodes = snapshots.reduce((s, x) => s + x.nodes.length, 0);
  console.log(
    `${CLUSTERS} clusters, ${nodes} GPU nodes, ${ITERATIONS} calls per figure`,
  );

  let start = performance.now();
  for (const s of snapshots) computeClusterInventory(s, { stale: false });
  const cold = performance.now() - start;
  console.log(
    `computeClusterInventory, all clusters (cold)                 ${cold.toFixed(
      1,
    )} ms (${(cold / CLUSTERS).toFixed(2)} ms per cluster)`,
  );

  const fake = new FakeSnapshots();
  snapshots.forEach((s, i) => fake.serve(s, i % 10 === 0));
  const service = createInventoryService({ snapshots: fake });
  start = performance.now();
  await service.getFleetInventory({});
  console.log(
    `first request after start (computes every cluster)           ${(
      performance.now() - start
    ).toFixed(1)} ms`,
  );

  await time('GET /inventory', () => service.getFleetInventory({}));
  await time('GET /inventory?vendor=nvidia&minMemoryGiB=40&minFree=2', () =>
    service.getFleetInventory({
      vendor: 'nvidia',
      minMemoryGiB: 40,
      minFree: 2,
    }),
  );
  let distinct = 0;
  await time(
    'GET /inventory?minMemoryGiB=<new value each call> (not memoized)',
    () =>
      service.getFleetInventory({ minMemoryGiB: 1 + (distinct++ % 1000) / 10 }),
  );
  await time('GET /clusters/:name/inventory', async () => {
    const { nodeInventory: _n, ...rest } = (await service.getClusterInventory(
      'cluster-042',
    ))!;
    return rest;
  });
  await time('GET /inventory/nodes?limit=100', () =>
    service.listNodes({ limit: 100 }),
  );
  await time(
    'GET /inventory/nodes?product=H100&minFree=4&offset=1000&limit=500',
    () =>
      service.listNodes({
        product: 'H100',
        minFree: 4,
        offset: 1000,
        limit: 500,
      }),
  );
  await time('POST /capacity/fit {count:4,minMemoryGiB:80}', () =>
    service.fitCapacity({ count: 4, minMemoryGiB: 80 }),
  );
  await time('POST /capacity/fit {count:8,minMemoryGiB:100} (no fit)', () =>
    service.fitCapacity({ count: 9, minMemoryGiB: 100 }),
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
