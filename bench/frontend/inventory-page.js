#!/usr/bin/env node
/*
 * Benchmark: how long the GPU inventory page takes to show a large fleet in
 * headless Chromium. Starts kube-sim with synthetic clusters (default 100
 * clusters x 50 nodes = 5,000 GPU nodes), the backend pointed at them (the
 * built app from `yarn workspace app build`), waits until every cluster is
 * collected, then loads the page several times and prints figures. It is
 * not a test: it prints numbers.
 *
 *   yarn workspace app build
 *   node bench/frontend/inventory-page.js [--clusters 100] [--nodes 50] [--runs 5] [--port 7207] [--serve]
 *
 * `--serve` keeps the fleet and backend running after collection, for looking at it.
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
  startKubeSim,
  generateSyntheticCluster,
} = require('../../packages/kube-sim/src');
const { chromium } = require('@playwright/test');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const clusterCount = Number(arg('clusters', '100'));
const nodesPerCluster = Number(arg('nodes', '50'));
const runs = Number(arg('runs', '5'));
const port = Number(arg('port', '7207'));
const baseUrl = `http://localhost:${port}`;
const root = path.resolve(__dirname, '../..');

const sleep = ms => new Promise(r => setTimeout(r, ms));
const stats = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s[Math.floor((s.length - 1) / 2)];
  return `median ${median.toFixed(0)} ms, min ${s[0].toFixed(0)} ms, max ${s[
    s.length - 1
  ].toFixed(0)} ms (n=${s.length})`;
};

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function api(token, p) {
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/ai-platform${p}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${p}: ${res.status} ${body.slice(0, 200)}`);
  return {
    ms: performance.now() - t,
    bytes: body.length,
    json: JSON.parse(body),
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, 'packages/app/dist/index.html'))) {
    throw new Error('Build the app first: yarn workspace app build');
  }

  // 1. The fleet.
  let t = Date.now();
  const specs = [];
  let gpuNodes = 0;
  for (let i = 0; i < clusterCount; i++) {
    const name = `bench-${String(i).padStart(3, '0')}`;
    const synthetic = generateSyntheticCluster({
      name,
      nodes: nodesPerCluster,
      podsPerNode: 10,
      draFraction: 0.1,
      seed: i + 1,
    });
    gpuNodes += Object.values(synthetic.summary.nodesByProduct).reduce(
      (a, b) => a + b,
      0,
    );
    specs.push({
      name,
      objects: synthetic.objects,
      version: synthetic.version,
      token: `bench-token-${i}`,
    });
  }
  const sim = await startKubeSim({ clusters: specs });
  console.log(
    `kube-sim: ${clusterCount} clusters x ${nodesPerCluster} nodes (${gpuNodes} GPU nodes) up in ${
      Date.now() - t
    } ms`,
  );

  // 2. The backend, pointed at them.
  const configFile = path.join(
    os.tmpdir(),
    `ai-platform-bench-${process.pid}.yaml`,
  );
  const clusters = sim.clusters.map(c => ({
    name: c.name,
    url: c.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: c.token,
    skipMetricsLookup: true,
  }));
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl },
      backend: { baseUrl, listen: { port }, cors: { origin: baseUrl } },
      kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
      aiPlatform: {
        demo: { kubeSim: { enabled: false } },
        catalogClusters: { enabled: false },
        collection: { initialDelay: { seconds: 1 }, clusterConcurrency: 8 },
      },
    }),
  );
  t = Date.now();
  // Run the backend's sources directly rather than through `package start`,
  // whose file watcher would restart it whenever a file in the repo changes.
  const backend = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
  const log = [];
  backend.stdout.on('data', d => log.push(String(d)));
  backend.stderr.on('data', d => log.push(String(d)));
  const stop = () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);

  try {
    for (;;) {
      if (backend.exitCode !== null)
        throw new Error(`backend exited:\n${log.join('').slice(-3000)}`);
      try {
        if ((await fetch(`${baseUrl}/api/ai-platform/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(1000);
    }
    console.log(`backend up in ${Date.now() - t} ms`);

    // 3. Wait until every cluster has been collected.
    const token = await guestToken();
    t = Date.now();
    for (;;) {
      const { json } = await api(token, '/clusters');
      const fresh = json.items.filter(c => c.state === 'fresh').length;
      if (fresh === clusterCount) break;
      if (Date.now() - t > 15 * 60_000)
        throw new Error(
          `only ${fresh} of ${clusterCount} clusters collected after 15 minutes`,
        );
      await sleep(2000);
    }
    console.log(
      `all ${clusterCount} clusters collected ${Date.now() - t} ms after start`,
    );

    if (process.argv.includes('--serve')) {
      console.log(`serving ${baseUrl} until interrupted`);
      await new Promise(resolve => process.on('SIGINT', resolve));
      return;
    }

    // Server side of what the page asks for.
    const fleet = await api(token, '/inventory');
    const nodes = await api(token, '/inventory/nodes?offset=0&limit=25');
    const deep = await api(
      token,
      `/inventory/nodes?offset=${Math.max(
        0,
        nodes.json.totalItems - 25,
      )}&limit=25`,
    );
    console.log(
      `API: /inventory ${fleet.ms.toFixed(0)} ms (${(
        fleet.bytes / 1024
      ).toFixed(0)} KiB, ${fleet.json.clusters.length} clusters); ` +
        `/inventory/nodes first page ${nodes.ms.toFixed(
          0,
        )} ms, last page ${deep.ms.toFixed(0)} ms (${
          nodes.json.totalItems
        } nodes)`,
    );

    // 4. The page in Chromium.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();

    const ready = () =>
      page.waitForFunction(
        () => {
          const clustersRows = document.querySelectorAll(
            'table[aria-label="GPU inventory by cluster"] tbody tr',
          );
          const nodeRows = document.querySelectorAll(
            'table[aria-label="GPU nodes"] tbody tr',
          );
          const paging = document.querySelector(
            '.MuiTablePagination-displayedRows',
          );
          return (
            clustersRows.length > 1 &&
            nodeRows.length > 1 &&
            paging &&
            /of \d+/.test(paging.textContent ?? '')
          );
        },
        undefined,
        { timeout: 120_000, polling: 'raf' },
      );

    const loads = [];
    const longest = [];
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(`${baseUrl}/ai-platform/inventory`);
      await ready();
      const ms = await page.evaluate(() => performance.now());
      const lt = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      if (i === 0)
        console.log(
          `inventory page, first (cold cache) load: ${ms.toFixed(
            0,
          )} ms to clusters + first node page; longest main-thread task ${lt.toFixed(
            0,
          )} ms`,
        );
      else {
        loads.push(ms);
        longest.push(lt);
      }
    }
    console.log(
      `inventory page, full load (navigation start to clusters table + first node page): ${stats(
        loads,
      )}`,
    );
    console.log(
      `longest main-thread task during those loads: ${stats(longest)}`,
    );
    const paging = await page
      .locator('.MuiTablePagination-displayedRows')
      .last()
      .textContent();
    console.log(`nodes table shows "${paging}"`);

    // Paging through the nodes and filtering must not freeze the page either.
    await page.evaluate(() => {
      window.__longTasks = [];
    });
    const nodesRegion = page.getByRole('region', {
      name: 'GPU nodes',
      exact: true,
    });
    const pageTimes = [];
    for (let i = 0; i < 5; i++) {
      const before = await page
        .locator('table[aria-label="GPU nodes"] tbody tr th')
        .first()
        .textContent();
      const t0 = await page.evaluate(() => performance.now());
      await nodesRegion
        .getByRole('button', { name: 'Go to next page' })
        .click();
      await page.waitForFunction(
        b => {
          const first = document.querySelector(
            'table[aria-label="GPU nodes"] tbody tr th',
          );
          return first && first.textContent !== b;
        },
        before,
        { polling: 'raf' },
      );
      pageTimes.push((await page.evaluate(() => performance.now())) - t0);
    }
    console.log(`next page of nodes: ${stats(pageTimes)}`);

    await page
      .getByRole('form', { name: 'Inventory filters' })
      .getByLabel('Vendor')
      .selectOption('amd');
    const tf = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/vendor=amd/);
    await ready();
    console.log(
      `apply a vendor filter: ${(
        (await page.evaluate(() => performance.now())) - tf
      ).toFixed(0)} ms`,
    );

    console.log(
      `longest main-thread task while paging and filtering: ${(
        await page.evaluate(() => Math.max(0, ...window.__longTasks))
      ).toFixed(0)} ms`,
    );

    // Client-side navigation between tabs: no app boot, only the page's own work.
    const tabLoads = [];
    const tabLongest = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${baseUrl}/ai-platform/conformance`);
      await page.getByRole('table', { name: /Conformance matrix/ }).waitFor();
      await page.evaluate(() => {
        window.__longTasks = [];
      });
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('tab', { name: 'GPU inventory' }).click();
      await ready();
      tabLoads.push((await page.evaluate(() => performance.now())) - t0);
      tabLongest.push(
        await page.evaluate(() => Math.max(0, ...window.__longTasks)),
      );
    }
    console.log(
      `inventory tab opened from another tab (no app boot): ${stats(tabLoads)}`,
    );
    console.log(`longest main-thread task during those: ${stats(tabLongest)}`);

    const tc = await page.evaluate(() => performance.now());
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page
      .getByRole('table', { name: 'Cluster health' })
      .getByRole('row')
      .nth(1)
      .waitFor();
    console.log(
      `switch to the overview tab (100-cluster tables and charts): ${(
        (await page.evaluate(() => performance.now())) - tc
      ).toFixed(0)} ms`,
    );

    await browser.close();
  } catch (e) {
    console.error(`backend log (tail):\n${log.join('').slice(-4000)}`);
    throw e;
  } finally {
    stop();
    await sim.stop();
    fs.rmSync(configFile, { force: true });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
