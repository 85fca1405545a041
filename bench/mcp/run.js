#!/usr/bin/env node
/* eslint-disable no-console */
/*
 * MCP benchmark: 32 concurrent MCP clients (the official SDK over
 * Streamable HTTP) ask find-gpu-capacity and get-gpu-inventory of a backend
 * that collected a fleet of 100 simulated clusters (kube-sim, 50 nodes
 * each); in the same run the same questions over the REST API
 * (POST /api/ai-platform/capacity/fit, GET /api/ai-platform/inventory).
 * Prints p50, p99 and calls per second per question and protocol, the
 * MCP/REST ratio, and a single-client breakdown of where an MCP call's time
 * goes. Figures, not a test.
 *
 *   node bench/mcp/run.js [--clusters 100] [--nodes 50] [--clients 32] [--calls 40]
 *     [--only find-gpu-capacity:mcp] [--profile <dir>]
 *
 * --only runs one question and protocol; --profile writes the backend's CPU
 * profile there (summarize it with bench/mcp/summarizeProfile.js).
 */
require('@backstage/cli/config/nodeTransform.cjs');
const { fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const {
  startKubeSim,
  generateSyntheticCluster,
} = require('@ai-platform/kube-sim');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
function stringArg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ONLY = stringArg('only');
const PROFILE_DIR = stringArg('profile');
const CLUSTERS = arg('clusters', 100);
const NODES = arg('nodes', 50);
const CLIENTS = arg('clients', 32);
const CALLS = arg('calls', 40);
const TOKEN = 'bench-mcp-token-0123456789abcdef';
const SIM_TOKEN = 'bench-sim-token-0123456789abcdef';
const FIT = { count: 4, minMemoryGiB: 80 };

const sleep = ms => new Promise(r => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

function stats(samples, wallMs) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    calls: samples.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    perSecond: (samples.length / wallMs) * 1000,
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-bench-'));
  const children = [];
  let sim;
  const cleanup = async () => {
    for (const child of children) child.kill('SIGTERM');
    await sim?.stop();
  };
  process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

  try {
    console.log(`Fleet: ${CLUSTERS} simulated clusters x ${NODES} nodes`);
    let t = performance.now();
    const names = Array.from(
      { length: CLUSTERS },
      (_, i) => `bench-${String(i + 1).padStart(3, '0')}`,
    );
    sim = await startKubeSim({
      clusters: names.map((name, i) => {
        const synthetic = generateSyntheticCluster({
          name,
          nodes: NODES,
          seed: i + 1,
          draFraction: 0.2,
        });
        return {
          name,
          objects: synthetic.objects,
          version: {
            major: String(synthetic.version.major),
            minor: String(synthetic.version.minor),
            gitVersion: synthetic.version.gitVersion,
          },
          token: SIM_TOKEN,
        };
      }),
    });
    console.log(
      `kube-sim up in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const port = await freePort();
    const base = `http://localhost:${port}`;
    const config = {
      app: { baseUrl: base },
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: TOKEN, subject: 'mcp-bench' },
              accessRestrictions: [
                { plugin: 'mcp-actions' },
                { plugin: 'catalog' },
                { plugin: 'scaffolder' },
                { plugin: 'ai-platform' },
              ],
            },
          ],
        },
        actions: { pluginSources: ['catalog', 'scaffolder', 'ai-platform'] },
      },
      permission: { enabled: true },
      catalog: { locations: [] },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: names.map(name => ({
              name,
              url: sim.cluster(name).url,
              authProvider: 'serviceAccount',
              serviceAccountToken: SIM_TOKEN,
              skipMetricsLookup: true,
            })),
          },
        ],
      },
      aiPlatform: {
        collection: {
          initialDelay: { seconds: 0 },
          frequency: { hours: 6 },
          clusterConcurrency: 8,
          requestTimeout: { seconds: 60 },
          timeout: { minutes: 10 },
        },
      },
      mcpActions: { name: 'AI Platform Portal (bench)' },
    };
    const configFile = path.join(work, 'app-config.bench.json');
    fs.writeFileSync(configFile, JSON.stringify(config));

    t = performance.now();
    const log = fs.openSync(path.join(work, 'backend.log'), 'w');
    const child = fork(
      path.join(__dirname, 'benchBackend.js'),
      ['--config', configFile],
      {
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', log, log, 'ipc'],
      },
    );
    children.push(child);
    child.on('exit', code => {
      if (code) {
        console.error(
          `backend exited with ${code}; log: ${path.join(work, 'backend.log')}`,
        );
      }
    });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const rest = async (method, url, body) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...auth,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = await response.json();
      if (!response.ok)
        throw new Error(
          `${method} ${url}: ${response.status} ${JSON.stringify(json)}`,
        );
      return json;
    };

    for (;;) {
      try {
        const { items } = await rest('GET', '/api/ai-platform/clusters');
        const fresh = items.filter(c => c.state === 'fresh').length;
        if (fresh === CLUSTERS) break;
      } catch {
        // not up yet
      }
      if (performance.now() - t > 15 * 60_000)
        throw new Error('collection did not finish');
      await sleep(1000);
    }
    console.log(
      `backend started and collected ${CLUSTERS} clusters in ${(
        (performance.now() - t) /
        1000
      ).toFixed(1)} s`,
    );
    const fleet = await rest('GET', '/api/ai-platform/inventory');
    const gpuNodes = fleet.clusters.reduce((n, c) => n + c.gpuNodes, 0);
    console.log(
      `inventory: ${fleet.gpus.physical} physical GPUs on ${gpuNodes} GPU nodes, ${fleet.gpus.free} free units`,
    );

    const clients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`${base}/api/mcp-actions/v1`),
          {
            requestInit: { headers: auth },
          },
        ),
      );
      clients.push(client);
    }

    const mcpCall = async (client, name, args) => {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError)
        throw new Error(`${name}: ${result.content[0]?.text}`);
      return result;
    };
    const questions = {
      'find-gpu-capacity': {
        mcp: c => mcpCall(c, 'ai-platform.find-gpu-capacity', FIT),
        rest: () =>
          rest('POST', '/api/ai-platform/capacity/fit', { ...FIT, limit: 5 }),
      },
      'get-gpu-inventory': {
        mcp: c => mcpCall(c, 'ai-platform.get-gpu-inventory', {}),
        rest: () => rest('GET', '/api/ai-platform/inventory'),
      },
    };

    // Same answer both ways, before timing anything.
    const viaMcp = (await questions['find-gpu-capacity'].mcp(clients[0]))
      .structuredContent;
    const viaRest = await questions['find-gpu-capacity'].rest();
    if (viaMcp.placements[0]?.node !== viaRest.fits[0]?.node) {
      throw new Error('MCP and REST disagree on the best placement');
    }
    console.log(`fit ${viaMcp.request}: ${viaMcp.summary}`);

    const ask = (message, reply) =>
      new Promise(resolve => {
        const onMessage = m => {
          if (m && reply in m) {
            child.off('message', onMessage);
            resolve(m);
          }
        };
        child.on('message', onMessage);
        child.send(message);
      });

    async function phase(run, profileName) {
      if (PROFILE_DIR) await ask({ profile: 'start' }, 'profiling');
      const samples = [];
      let errors = 0;
      const start = performance.now();
      await Promise.all(
        clients.map(async client => {
          for (let i = 0; i < CALLS; i++) {
            const t0 = performance.now();
            try {
              await run(client);
              samples.push(performance.now() - t0);
            } catch (error) {
              errors += 1;
              if (errors === 1) console.error(String(error));
            }
          }
        }),
      );
      const wall = performance.now() - start;
      if (PROFILE_DIR) {
        fs.mkdirSync(PROFILE_DIR, { recursive: true });
        const file = path.resolve(PROFILE_DIR, `${profileName}.cpuprofile`);
        await ask({ profile: 'stop', file }, 'profiled');
        console.log(`backend CPU profile: ${file}`);
      }
      return { ...stats(samples, wall), errors };
    }

    console.log(`warming up...`);
    for (const q of Object.values(questions)) {
      await Promise.all(
        clients.map(async c => {
          for (let i = 0; i < 3; i++) {
            await q.mcp(c);
            await q.rest();
          }
        }),
      );
    }

    const results = [];
    for (const [question, q] of Object.entries(questions)) {
      for (const protocol of ['mcp', 'rest']) {
        if (ONLY && ONLY !== `${question}:${protocol}`) continue;
        const r = await phase(q[protocol], `${question}-${protocol}`);
        results.push({ question, protocol, ...r });
      }
    }
    if (ONLY) {
      for (const r of results) console.log(r);
      fs.rmSync(work, { recursive: true, force: true });
      await Promise.all(clients.map(c => c.close()));
      await new Promise(resolve => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      return;
    }

    const ms = v => `${v.toFixed(1)} ms`;
    console.log(
      `\n${CLIENTS} concurrent clients, ${CALLS} calls each per row (${
        CLIENTS * CALLS
      } calls):`,
    );
    console.log(
      'question            protocol    p50        p99        max        calls/s   errors',
    );
    for (const r of results) {
      console.log(
        `${r.question.padEnd(19)} ${r.protocol.padEnd(8)} ${ms(r.p50).padStart(
          9,
        )} ${ms(r.p99).padStart(10)} ${ms(r.max).padStart(10)} ${r.perSecond
          .toFixed(0)
          .padStart(10)} ${String(r.errors).padStart(8)}`,
      );
    }
    console.log('');
    for (const question of Object.keys(questions)) {
      const m = results.find(
        r => r.question === question && r.protocol === 'mcp',
      );
      const r = results.find(
        x => x.question === question && x.protocol === 'rest',
      );
      console.log(
        `${question}: MCP/REST p50 ${(m.p50 / r.p50).toFixed(2)}x, p99 ${(
          m.p99 / r.p99
        ).toFixed(2)}x, throughput ${(r.perSecond / m.perSecond).toFixed(
          2,
        )}x lower; aim p99 < 50 ms: ${m.p99 < 50 ? 'met' : 'NOT met'} (MCP), ${
          r.p99 < 50 ? 'met' : 'NOT met'
        } (REST); aim MCP within 1.5x of REST (p99): ${
          m.p99 <= 1.5 * r.p99 ? 'met' : 'NOT met'
        }`,
      );
    }

    // Where an MCP call's time goes, one client at a time.
    const SEQ = 100;
    async function sequential(label, fn) {
      for (let i = 0; i < 5; i++) await fn();
      const samples = [];
      for (let i = 0; i < SEQ; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      const s = stats(samples, 1);
      console.log(
        `  ${label.padEnd(62)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(
          s.p99,
        ).padStart(9)}`,
      );
    }
    console.log(
      `\nOne client, ${SEQ} sequential calls each (where an MCP tools/call spends its time):`,
    );
    await sequential('REST POST /capacity/fit', () =>
      questions['find-gpu-capacity'].rest(),
    );
    await sequential(
      'action invoke, direct (POST .../actions/ai-platform:find-gpu-capacity/invoke)',
      () =>
        rest(
          'POST',
          '/api/ai-platform/.backstage/actions/v1/actions/ai-platform:find-gpu-capacity/invoke',
          FIT,
        ),
    );
    for (const plugin of ['catalog', 'scaffolder', 'ai-platform']) {
      await sequential(
        `action list of ${plugin} (GET /api/${plugin}/.backstage/actions/v1/actions)`,
        () => rest('GET', `/api/${plugin}/.backstage/actions/v1/actions`),
      );
    }
    await sequential('MCP tools/list (lists the 3 plugins, in parallel)', () =>
      clients[0].listTools(),
    );
    await sequential(
      'MCP tools/call find-gpu-capacity (list + invoke + MCP)',
      () => questions['find-gpu-capacity'].mcp(clients[0]),
    );
    await sequential(
      'MCP ping (transport, auth, a fresh MCP server per request)',
      () => clients[0].ping(),
    );

    await Promise.all(clients.map(c => c.close()));
    fs.rmSync(work, { recursive: true, force: true });
  } finally {
    await cleanup();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
