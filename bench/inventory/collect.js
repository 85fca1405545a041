#!/usr/bin/env node
/*
 * One measured collection, in a process of its own so nothing else is in its
 * memory: the real collector (ClusterCollector, pages of --page-size) reads
 * the cluster of a kubeconfig context into a snapshot, then
 * computeClusterInventory aggregates it. Prints one JSON line of figures.
 * Used by run.js; runnable alone:
 *
 *   node bench/inventory/collect.js --kubeconfig FILE [--context NAME] [--page-size 500] [--concurrency 4]
 */
require('@backstage/cli/config/nodeTransform.cjs');
const zlib = require('node:zlib');
const {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} = require('../../plugins/ai-platform-backend/src/collection/ClusterCollector');
const {
  computeClusterInventory,
} = require('../../plugins/ai-platform-backend/src/inventory/computeClusterInventory');
const {
  clusterFromKubeconfig,
} = require('../../plugins/ai-platform-backend/src/cli/main');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silent,
};

async function main() {
  const cluster = clusterFromKubeconfig({
    kubeconfig: arg('kubeconfig'),
    context: arg('context'),
  });
  const collector = new ClusterCollector({
    settings: {
      ...DEFAULT_COLLECTION_SETTINGS,
      pageSize: Number(arg('page-size', '500')),
      concurrency: Number(arg('concurrency', '4')),
      requestTimeoutMs: 120_000,
      collectionTimeoutMs: 600_000,
    },
    logger: silent,
  });

  if (global.gc) global.gc();
  const baseline = process.memoryUsage();
  const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  const sampler = setInterval(sample, 5);

  const t0 = performance.now();
  const outcome = await collector.collect(cluster);
  const t1 = performance.now();
  if (!outcome.ok) throw new Error(outcome.error.message);
  const inventory = computeClusterInventory(outcome.snapshot, { stale: false });
  const t2 = performance.now();
  sample();
  clearInterval(sampler);
  const maxRssKiB = process.resourceUsage().maxRSS;

  // Size of what would be stored (outside the measured part).
  const json = JSON.stringify(outcome.snapshot);
  const stored = zlib.gzipSync(json).length;
  const s = outcome.snapshot;
  const errors = Object.entries(s.parts)
    .filter(([, p]) => p.status === 'error')
    .map(([k]) => k);
  process.stdout.write(
    `${JSON.stringify({
      collectMs: t1 - t0,
      inventoryMs: t2 - t1,
      totalMs: t2 - t0,
      baselineRss: baseline.rss,
      baselineHeap: baseline.heapUsed,
      peakRss: peak.rss,
      peakHeap: peak.heapUsed,
      maxRss: maxRssKiB * 1024,
      nodes: s.nodes.length,
      pods: s.pods.total,
      acceleratorPods: s.pods.acceleratorPods.length,
      resourceSlices: s.dra.resourceSlices.length,
      gpus: {
        physical: inventory.gpus.physical,
        allocatable: inventory.gpus.allocatable,
        allocated: inventory.gpus.allocated,
      },
      snapshotJsonBytes: json.length,
      snapshotStoredBytes: stored,
      errors,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`collect.js: ${error.stack || error}\n`);
  process.exitCode = 1;
});
