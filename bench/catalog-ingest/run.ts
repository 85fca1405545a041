/* eslint-disable no-console */
/*
 * Benchmark: how long the catalog takes to ingest N discovered model servers.
 *
 * A synthetic cluster with N vLLM Deployments (serving M distinct models) is
 * served by kube-sim over HTTP, collected into a snapshot by the real
 * ai-platform backend, discovered, and turned into catalog entities by the
 * catalog module's provider inside a real catalog backend. The figure is the
 * time from the provider run's start until every model-server Component and
 * every Model is queryable through the catalog REST API (by-query counts,
 * which read the stitched entities).
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/catalog-ingest/run.ts \
 *     [--servers 10000] [--models 50] [--postgres] [--baseline]
 *
 * --baseline measures the catalog alone for comparison: a bare provider
 * applies the same number of plain Components (and Resources for the
 * models), without this product's processor, provider or backend.
 * --postgres uses the local PostgreSQL (AI_PLATFORM_TEST_POSTGRES, default
 * postgresql://postgres@127.0.0.1:5432/postgres) with databases created for
 * this run and dropped after; the default is in-memory SQLite.
 * It prints figures; it is not a test.
 */
import { startKubeSim } from '@ai-platform/kube-sim';
import aiPlatformPlugin from '@ai-platform/plugin-ai-platform-backend';
import catalogModuleAiPlatform from '@ai-platform/plugin-catalog-backend-module-ai-platform';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const COLLECT_TASK_ID = 'ai-platform-collect-clusters';
const PROVIDER_TASK_ID = 'AiPlatformDiscoveryProvider:refresh';
const TOKEN = 'bench-catalog-ingest-token-0123456789';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const SERVERS = Number(arg('servers', '10000'));
const MODELS = Number(arg('models', '50'));
const NAMESPACES = 20;
const POSTGRES = process.argv.includes('--postgres');
const BASELINE = process.argv.includes('--baseline');
const POSTGRES_URL =
  process.env.AI_PLATFORM_TEST_POSTGRES ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

/** N vLLM Deployments, spread over namespaces, serving M models. */
function* syntheticObjects(): Iterable<Record<string, unknown>> {
  for (let n = 0; n < NAMESPACES; n++) {
    yield {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `team-${n}`, uid: `ns-${n}` },
    };
  }
  for (let i = 0; i < SERVERS; i++) {
    const name = `vllm-${String(i).padStart(5, '0')}`;
    const labels = { app: name };
    const model = `bench-org/model-${String(i % MODELS).padStart(
      3,
      '0',
    )}-8B-Instruct`;
    yield {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: `team-${i % NAMESPACES}`,
        uid: `deploy-${i}`,
        labels,
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'vllm',
                image: 'vllm/vllm-openai:v0.15.1',
                args: ['--model', model, '--port', '8000'],
                resources: {
                  requests: { 'nvidia.com/gpu': '1' },
                  limits: { 'nvidia.com/gpu': '1' },
                },
              },
            ],
          },
        },
      },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    };
  }
}

/** The catalog alone: a provider that applies plain entities of the same number. */
function baselineModule(onConnect: (c: EntityProviderConnection) => void) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-baseline',
    register(env) {
      env.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addEntityProvider({
            getProviderName: () => 'BenchBaselineProvider',
            connect: async connection => onConnect(connection),
          });
        },
      });
    },
  });
}

function baselineEntities() {
  const location = 'bench:baseline';
  const annotations = {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
  };
  const entities = [];
  for (let i = 0; i < SERVERS; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `baseline-${i}`, annotations },
      spec: {
        type: 'model-server',
        lifecycle: 'production',
        owner: 'group:default/platform-engineering',
      },
    });
  }
  for (let i = 0; i < MODELS; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: `baseline-model-${i}`, annotations },
      spec: { type: 'model', owner: 'group:default/platform-engineering' },
    });
  }
  return entities.map(entity => ({ entity, locationKey: 'bench-baseline' }));
}

function bounded(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    promise,
    new Promise(resolve => setTimeout(resolve, ms).unref()),
  ]);
}

async function count(baseUrl: string, filter: string): Promise<number> {
  const response = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&limit=1&fields=metadata.name`,
    { headers: { Authorization: mockCredentials.user.header() } },
  );
  if (!response.ok) throw new Error(`by-query answered ${response.status}`);
  return (await response.json()).totalItems;
}

async function main() {
  const runId = `bench_${Date.now().toString(36)}`;
  const databasePrefix = `${runId}_`;
  console.log(
    `catalog-ingest${
      BASELINE ? ' BASELINE (catalog alone)' : ''
    }: ${SERVERS} vLLM Deployments serving ${MODELS} models, ${
      POSTGRES ? 'PostgreSQL' : 'SQLite (in memory)'
    }`,
  );

  let t = performance.now();
  const sim = await startKubeSim({
    clusters: [
      { name: 'synthetic', objects: syntheticObjects() as any, token: TOKEN },
    ],
  });
  console.log(`kube-sim loaded in ${Math.round(performance.now() - t)} ms`);

  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): any;
  };
  const database = POSTGRES
    ? {
        client: 'pg',
        connection: POSTGRES_URL,
        prefix: databasePrefix,
        pluginDivisionMode: 'database',
      }
    : undefined;
  let baselineConnection: EntityProviderConnection | undefined;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      ...(BASELINE
        ? [baselineModule(c => (baselineConnection = c))]
        : [catalogModuleAiPlatform, aiPlatformPlugin]),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(POSTGRES ? [databaseServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          ...(database ? { backend: { database } } : {}),
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'synthetic',
                    url: sim.cluster('synthetic').url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                  },
                ],
              },
            ],
          },
          aiPlatform: {
            catalogClusters: { enabled: false },
            collection: { timeout: { minutes: 10 } },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'API',
                  'Resource',
                  'Location',
                  'Model',
                  'Agent',
                ],
              },
            ],
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;

  try {
    const serverFilter = 'kind=component,spec.type=model-server';
    const modelFilter = BASELINE
      ? 'kind=resource,spec.type=model'
      : 'kind=model';
    if (!BASELINE) {
      t = performance.now();
      await scheduler.triggerTask(COLLECT_TASK_ID);
      console.log(
        `collection (kube-sim over HTTP -> snapshot): ${Math.round(
          performance.now() - t,
        )} ms`,
      );
    }

    const start = performance.now();
    if (BASELINE) {
      await baselineConnection!.applyMutation({
        type: 'full',
        entities: baselineEntities(),
      });
    } else {
      await scheduler.triggerTask(PROVIDER_TASK_ID);
    }
    const providerMs = performance.now() - start;
    console.log(
      `${
        BASELINE
          ? 'bare provider run (apply full mutation)'
          : 'provider run (fetch /workloads, read catalog, build, apply full mutation)'
      }: ${Math.round(providerMs)} ms`,
    );

    let servers = 0;
    let models = 0;
    let lastReport = start;
    for (;;) {
      servers = await count(baseUrl, serverFilter);
      models = await count(baseUrl, modelFilter);
      if (servers >= SERVERS && models >= MODELS) break;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(
          `  ${Math.round(
            (lastReport - start) / 1000,
          )} s: ${servers} model servers, ${models} models queryable`,
        );
      }
      if (performance.now() - start > 30 * 60_000) {
        throw new Error(`gave up after 30 minutes at ${servers}/${SERVERS}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    const totalMs = performance.now() - start;
    const entities = servers + models;
    console.log(
      `all ${servers} model servers and ${models} models queryable ${(
        totalMs / 1000
      ).toFixed(1)} s after the provider run started (${Math.round(
        entities / (totalMs / 1000),
      )} entities/s)`,
    );

    // A second run with nothing changed: the steady-state cost of a schedule tick.
    const again = performance.now();
    if (BASELINE) {
      await baselineConnection!.applyMutation({
        type: 'full',
        entities: baselineEntities(),
      });
    } else {
      await scheduler.triggerTask(PROVIDER_TASK_ID);
    }
    console.log(
      `second provider run, nothing changed: ${Math.round(
        performance.now() - again,
      )} ms`,
    );
  } finally {
    // Shutting a test backend down can wait on in-flight catalog work for
    // minutes; the figures are printed, so give it a bounded time.
    await bounded(backend.stop(), 15_000);
    await bounded(sim.stop(), 5_000);
    if (POSTGRES) {
      const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${databasePrefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
      }
      await admin.destroy();
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
