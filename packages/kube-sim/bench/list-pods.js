#!/usr/bin/env node
/*
 * Benchmark: a synthetic cluster (default 5,000 nodes x 30 pods = 150,000 pods) listed through the
 * real @kubernetes/client-node in pages of 500. Prints figures; it is not a test.
 *
 *   node --expose-gc bench/list-pods.js [--nodes 5000] [--pods-per-node 30] [--limit 500] [--tls]
 */
require('@backstage/cli/config/nodeTransform.cjs');
const { startKubeSim, generateSyntheticCluster } = require('../src');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const mb = n => `${(n / 1024 / 1024).toFixed(0)} MB`;
function memory(label) {
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  console.log(
    `${label}: heapUsed ${mb(m.heapUsed)}, rss ${mb(m.rss)}, external ${mb(
      m.external,
    )}`,
  );
  return m;
}

async function main() {
  const nodes = Number(arg('nodes', '5000'));
  const podsPerNode = Number(arg('pods-per-node', '30'));
  const limit = Number(arg('limit', '500'));
  const tls = process.argv.includes('--tls');
  const k8s = await import('@kubernetes/client-node');
  const before = memory('baseline');

  let t = Date.now();
  const synthetic = generateSyntheticCluster({
    name: 'bench',
    nodes,
    podsPerNode,
    draFraction: 0.2,
    seed: 1,
  });
  const sim = await startKubeSim({
    tls,
    clusters: [
      { name: 'bench', objects: synthetic.objects, version: synthetic.version },
    ],
  });
  const loadMs = Date.now() - t;
  console.log(
    `generated + loaded ${synthetic.summary.objects} objects (${synthetic.summary.pods} pods, ${nodes} nodes) in ${loadMs} ms`,
  );
  const loaded = memory('after load');
  console.log(
    `cluster memory: ~${mb(loaded.heapUsed - before.heapUsed)} heap, ~${mb(
      loaded.rss - before.rss,
    )} rss`,
  );

  const kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  const core = kc.makeApiClient(k8s.CoreV1Api);

  for (const round of [1, 2]) {
    t = Date.now();
    let count = 0;
    let pages = 0;
    let token;
    do {
      const page = await core.listPodForAllNamespaces({
        limit,
        _continue: token,
      });
      count += page.items.length;
      pages++;
      token = page.metadata?._continue;
    } while (token);
    const ms = Date.now() - t;
    console.log(
      `round ${round}: listed ${count} pods in ${pages} pages of ${limit} via client-node: ${ms} ms (${(
        ms / pages
      ).toFixed(1)} ms/page)`,
    );
  }

  // The same pages without client-node's deserialization: what the server itself costs.
  {
    const c = sim.cluster('bench');
    t = Date.now();
    let pages = 0;
    let count = 0;
    let token;
    do {
      const url = `${c.url}/api/v1/pods?limit=${limit}${
        token ? `&continue=${token}` : ''
      }`;
      const page = await (
        await fetch(url, { headers: { Authorization: `Bearer ${c.token}` } })
      ).json();
      count += page.items.length;
      pages++;
      token = page.metadata.continue;
    } while (token);
    const ms = Date.now() - t;
    console.log(
      `raw HTTP + JSON.parse: ${count} pods in ${pages} pages: ${ms} ms (${(
        ms / pages
      ).toFixed(1)} ms/page)`,
    );
  }

  t = Date.now();
  const nodesList = await core.listNode({ limit });
  console.log(
    `first page of nodes (limit ${limit}): ${
      Date.now() - t
    } ms, remainingItemCount ${nodesList.metadata?.remainingItemCount}`,
  );

  t = Date.now();
  const gpuNodes = await core.listNode({
    labelSelector: 'nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3',
  });
  console.log(
    `label-selected H100 nodes (no limit): ${gpuNodes.items.length} in ${
      Date.now() - t
    } ms`,
  );

  t = Date.now();
  const onNode = await core.listPodForAllNamespaces({
    fieldSelector: `spec.nodeName=${nodesList.items[0].metadata.name}`,
  });
  console.log(
    `pods on one node by fieldSelector (full scan of 150k): ${
      onNode.items.length
    } in ${Date.now() - t} ms`,
  );

  // Raw unpaginated list: streamed by the server, parsed here with JSON.parse only.
  t = Date.now();
  const c = sim.cluster('bench');
  const res = await fetch(`${c.url}/api/v1/pods`, {
    headers: { Authorization: `Bearer ${c.token}` },
  });
  const text = await res.text();
  const all = JSON.parse(text);
  console.log(
    `unpaginated list over HTTP: ${all.items.length} pods, ${mb(
      text.length,
    )} body, ${Date.now() - t} ms`,
  );

  memory('end');
  await sim.stop();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
