#!/usr/bin/env node
/*
 * Inventory benchmark: a synthetic 5,000-node GPU cluster (8 GPUs per node,
 * mixed SKUs, DRA slices for a fifth of the NVIDIA nodes, 150,000 pods) served
 * by kube-sim over TLS in its own process. Measures, against the same
 * simulator:
 *
 *   - our collector + computeClusterInventory (collect.js, its own process):
 *     wall time, peak RSS and peak heap;
 *   - kubectl get nodes,pods,resourceslices -A -o json > /dev/null: wall time
 *     and peak RSS (GNU time).
 *
 * It prints figures and the ratio; it is not a test.
 *
 *   node bench/inventory/run.js [--nodes 5000] [--pods-per-node 30] [--dra-fraction 0.2]
 *                               [--runs 3] [--page-size 500] [--port 18700]
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const nodes = Number(arg('nodes', '5000'));
const podsPerNode = Number(arg('pods-per-node', '30'));
const draFraction = Number(arg('dra-fraction', '0.2'));
const runs = Number(arg('runs', '3'));
const pageSize = Number(arg('page-size', '500'));
const port = Number(arg('port', '18700'));
const root = path.resolve(__dirname, '../..');

const mb = n => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const s = ms => `${(ms / 1000).toFixed(2)} s`;
const median = xs =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function startSim(kubeconfig) {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'packages/kube-sim/bin/kube-sim'),
      '--cluster',
      `bench=synthetic:nodes=${nodes},podsPerNode=${podsPerNode},draFraction=${draFraction},seed=1`,
      '--tls',
      '--port',
      String(port),
      '--kubeconfig-out',
      kubeconfig,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
      if (/^ready$/m.test(out)) resolve({ child, log: out });
    });
    child.on('exit', code =>
      reject(new Error(`kube-sim exited with ${code}:\n${out}`)),
    );
  });
}

function runCollector(kubeconfig) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        path.join(__dirname, 'collect.js'),
        '--kubeconfig',
        kubeconfig,
        '--context',
        'bench',
        '--page-size',
        String(pageSize),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.on('exit', code =>
      code === 0
        ? resolve(JSON.parse(out))
        : reject(new Error(`collect.js exited with ${code}`)),
    );
  });
}

function runKubectl(kubeconfig) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // GNU time reports the peak RSS (KiB) of kubectl on stderr; the JSON goes to /dev/null.
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        'maxrss=%M',
        'kubectl',
        '--kubeconfig',
        kubeconfig,
        '--context',
        'bench',
        'get',
        'nodes,pods,resourceslices',
        '-A',
        '-o',
        'json',
      ],
      { stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', chunk => (err += chunk));
    child.on('exit', code => {
      const ms = performance.now() - started;
      if (code !== 0)
        return reject(new Error(`kubectl exited with ${code}: ${err}`));
      const rss = /maxrss=(\d+)/.exec(err);
      return resolve({ ms, maxRss: rss ? Number(rss[1]) * 1024 : undefined });
    });
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-inventory-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const started = performance.now();
  const { child: sim, log } = await startSim(kubeconfig);
  process.stdout.write(
    log
      .split('\n')
      .filter(l => /synthetic|objects loaded/.test(l))
      .join('\n') + '\n',
  );
  console.log(
    `simulator ready in ${s(performance.now() - started)} (separate process)\n`,
  );

  const ours = [];
  const theirs = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither side always gets a warmer simulator.
      const first = i % 2 === 0;
      if (first) ours.push(await runCollector(kubeconfig));
      theirs.push(await runKubectl(kubeconfig));
      if (!first) ours.push(await runCollector(kubeconfig));
      const o = ours[ours.length - 1];
      const k = theirs[theirs.length - 1];
      console.log(
        `run ${i + 1}: collector+inventory ${s(o.totalMs)} (collect ${s(
          o.collectMs,
        )}, inventory ${s(o.inventoryMs)}), peak RSS ${mb(
          o.peakRss,
        )}, peak heap ${mb(o.peakHeap)} | kubectl ${s(k.ms)}, peak RSS ${
          k.maxRss ? mb(k.maxRss) : '?'
        }`,
      );
    }
  } finally {
    sim.kill('SIGTERM');
  }

  const last = ours[ours.length - 1];
  const oursMs = median(ours.map(o => o.totalMs));
  const kubectlMs = median(theirs.map(k => k.ms));
  console.log(`
cluster: ${last.nodes} nodes, ${last.pods} pods (${
    last.acceleratorPods
  } using accelerators), ${last.resourceSlices} ResourceSlices
inventory: ${last.gpus.physical} physical GPUs, ${
    last.gpus.allocatable
  } allocatable, ${last.gpus.allocated} allocated
snapshot: ${mb(last.snapshotJsonBytes)} JSON, ${mb(
    last.snapshotStoredBytes,
  )} stored (gzip)${
    last.errors.length ? `; parts in error: ${last.errors.join(', ')}` : ''
  }

median of ${runs} runs (page size ${pageSize}):
  collector + inventory   ${s(oursMs)}   peak RSS ${mb(
    Math.max(...ours.map(o => o.peakRss)),
  )} (process max ${mb(
    Math.max(...ours.map(o => o.maxRss)),
  )}, before collecting ${mb(last.baselineRss)}), peak heap ${mb(
    Math.max(...ours.map(o => o.peakHeap)),
  )}
  kubectl get -o json     ${s(kubectlMs)}   peak RSS ${
    theirs[0].maxRss ? mb(Math.max(...theirs.map(k => k.maxRss))) : '?'
  }
  ratio (ours / kubectl)  ${(oursMs / kubectlMs).toFixed(
    2,
  )}  (below 1 = faster than kubectl)`);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
