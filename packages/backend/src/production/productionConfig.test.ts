// app-config.production.yaml read the way the backend reads it (the real
// config loader, environment substitution, and the config schema assembled
// from every package of the backend): each credential is a secret by the
// schema, so the backend redacts it from logs and never serves it to the
// browser; and the Redis cache settings work with the installed Redis
// client.
import {
  ServiceFactoryTester,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  createConfigSecretEnumerator,
  rootConfigServiceFactory,
} from '@backstage/backend-defaults/rootConfig';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { RootConfigService } from '@backstage/backend-plugin-api';
import { randomBytes } from 'node:crypto';
import { BACKEND_DIR } from './harness/BackendProcess';
import { postgresEnv, REDIS_URL, redisKeys } from './harness/infrastructure';
import { PRODUCTION_CONFIGS, ProductionRun } from './harness/productionBackend';

jest.setTimeout(120_000);

const value = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

/** Every credential the production setup can hold, by where it is configured. */
const CREDENTIALS = {
  'environment POSTGRES_PASSWORD': value('pg-password'),
  'environment MCP_TOKEN': value('mcp-token'),
  'environment CLUSTER_TOKEN': value('cluster-token'),
  'environment REDIS_URL': `redis://:${value('redis-password')}@127.0.0.1:6379`,
  'aiPlatform.catalogClusters.serviceAccountToken': value('catalog-token'),
  'aiPlatform.catalogClusters.clusters[].serviceAccountToken': value(
    'catalog-cluster-token',
  ),
  'kubernetes ... clusters[].serviceAccountToken (second cluster)': value(
    'second-cluster-token',
  ),
  'backend.auth.keys[].secret': value('legacy-key'),
};

describe('app-config.production.yaml as the backend loads it', () => {
  let run: ProductionRun;
  let config: RootConfigService;
  const saved = { ...process.env };

  beforeAll(async () => {
    run = new ProductionRun('config');
    const extra = run.writeConfig('credentials', {
      backend: {
        auth: {
          keys: [{ secret: CREDENTIALS['backend.auth.keys[].secret'] }],
        },
        cache: { redis: { client: { namespace: run.redisNamespace } } },
      },
      aiPlatform: {
        catalogClusters: {
          serviceAccountToken:
            CREDENTIALS['aiPlatform.catalogClusters.serviceAccountToken'],
          clusters: [
            {
              name: 'from-catalog',
              serviceAccountToken:
                CREDENTIALS[
                  'aiPlatform.catalogClusters.clusters[].serviceAccountToken'
                ],
            },
          ],
        },
      },
    });
    Object.assign(process.env, {
      ...postgresEnv(),
      APP_BASE_URL: 'https://portal.example.com',
      BACKEND_BASE_URL: 'https://portal.example.com',
      POSTGRES_PASSWORD: CREDENTIALS['environment POSTGRES_PASSWORD'],
      MCP_TOKEN: CREDENTIALS['environment MCP_TOKEN'],
      REDIS_URL: CREDENTIALS['environment REDIS_URL'],
      CLUSTER_NAME: 'gpu-prod-1',
      CLUSTER_URL: 'https://gpu-prod-1.example.com:6443',
      CLUSTER_TOKEN: CREDENTIALS['environment CLUSTER_TOKEN'],
      CLUSTER_CA_DATA: Buffer.from('not a real CA').toString('base64'),
    });
    const second = run.writeConfig('second-cluster', {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'gpu-prod-2',
                url: 'https://gpu-prod-2.example.com:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken:
                  CREDENTIALS[
                    'kubernetes ... clusters[].serviceAccountToken (second cluster)'
                  ],
              },
            ],
          },
        ],
      },
    });
    const argv = [
      process.execPath,
      'backend',
      ...[...PRODUCTION_CONFIGS, extra, second].flatMap(c => ['--config', c]),
    ];
    // The second-cluster file replaces the env cluster (config arrays are replaced, not merged).
    config = await ServiceFactoryTester.from(
      rootConfigServiceFactory({ argv, watch: false }),
    ).getSubject();
  });

  afterAll(async () => {
    process.env = saved;
    await run?.cleanup();
  });

  it('marks every credential secret in the schema the backend assembles', async () => {
    const enumerate = await createConfigSecretEnumerator({
      logger: mockServices.logger.mock(),
      dir: BACKEND_DIR,
    });
    const secrets = new Set(enumerate(config));
    const notSecret = Object.entries(CREDENTIALS)
      .filter(([key, v]) => {
        // Checked in the next test: the second-cluster file replaced it.
        if (key === 'environment CLUSTER_TOKEN') return false;
        return !secrets.has(v);
      })
      .map(([key]) => key);
    expect(notSecret).toEqual([]);
  });

  it("marks the env-configured cluster's token secret", async () => {
    // Loaded without the second-cluster file, the env cluster is the one configured.
    const argv = [
      process.execPath,
      'backend',
      ...PRODUCTION_CONFIGS.flatMap(c => ['--config', c]),
    ];
    const own = await ServiceFactoryTester.from(
      rootConfigServiceFactory({ argv, watch: false }),
    ).getSubject();
    const enumerate = await createConfigSecretEnumerator({
      logger: mockServices.logger.mock(),
      dir: BACKEND_DIR,
    });
    const secrets = new Set(enumerate(own));
    expect(secrets.has(CREDENTIALS['environment CLUSTER_TOKEN'])).toBe(true);
    expect(secrets.has(CREDENTIALS['environment MCP_TOKEN'])).toBe(true);
    const [method] = own.getConfigArray('kubernetes.clusterLocatorMethods');
    expect(method.getConfigArray('clusters')[0].getString('url')).toBe(
      'https://gpu-prod-1.example.com:6443',
    );
  });

  it('selects PostgreSQL, the platform-teams policy and no simulator', () => {
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('backend.database.connection.host')).toBe(
      postgresEnv().POSTGRES_HOST,
    );
    expect(config.getString('aiPlatform.permissionPolicy.type')).toBe(
      'platform-teams',
    );
    expect(config.getBoolean('aiPlatform.demo.kubeSim.enabled')).toBe(false);
    expect(config.getNumber('backend.listen.port')).toBe(7007);
    expect(config.getString('backend.cache.store')).toBe('redis');
  });

  it('works as a Redis cache with the installed client (@keyv/redis)', async () => {
    // The cache settings of the production file, with the test's Redis (the
    // loaded REDIS_URL carries a made-up password).
    const cacheConfig = {
      ...(config.getConfig('backend.cache').get() as object),
      connection: REDIS_URL,
    };
    expect(cacheConfig).toMatchObject({
      store: 'redis',
      redis: { client: { namespace: run.redisNamespace } },
    });
    const client = CacheManager.fromConfig(
      mockServices.rootConfig({ data: { backend: { cache: cacheConfig } } }),
    ).forPlugin('ai-platform');
    await client.set('probe', { replicas: 2 }, { ttl: 60_000 });
    expect(await client.get('probe')).toEqual({ replicas: 2 });
    expect(await redisKeys(`${run.redisNamespace}:`)).toEqual([
      expect.stringMatching(new RegExp(`^${run.redisNamespace}:ai-platform:`)),
    ]);
  });
});
