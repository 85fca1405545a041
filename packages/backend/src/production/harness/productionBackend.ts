import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackendProcess,
  REPO_ROOT,
  sleep,
  StartupFailedError,
} from './BackendProcess';
import {
  deleteRedisKeys,
  dropDatabases,
  freePort,
  postgresEnv,
  REDIS_URL,
  runId,
} from './infrastructure';

/** The production config files, in the order deploy/backend.yaml passes them. */
export const PRODUCTION_CONFIGS = [
  path.join(REPO_ROOT, 'app-config.yaml'),
  path.join(REPO_ROOT, 'app-config.production.yaml'),
];

/** One cluster as the production config's environment variables describe it. */
export interface EnvCluster {
  name: string;
  url: string;
  token: string;
  caData: string;
}

/**
 * One test run of the production configuration: its own PostgreSQL
 * databases (`backend.database.prefix`), its own Redis namespace, a
 * temporary folder for config overrides; `cleanup()` removes all three.
 */
export class ProductionRun {
  readonly id: string;
  readonly databasePrefix: string;
  readonly redisNamespace: string;
  readonly dir: string;
  private readonly processes: BackendProcess[] = [];

  constructor(label: string) {
    this.id = runId(label);
    this.databasePrefix = `${this.id}_`;
    this.redisNamespace = this.id;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `${this.id}-`));
  }

  /** Writes a config file (JSON is YAML) and returns its path. */
  writeConfig(name: string, data: unknown): string {
    const file = path.join(this.dir, `${name}.yaml`);
    fs.writeFileSync(file, JSON.stringify(data, null, 2));
    return file;
  }

  /**
   * Starts a backend with the production config, then `extraConfigs`,
   * then the run's overrides (port, database prefix, Redis namespace), and
   * the environment the production config reads.
   */
  async startBackend(options: {
    name: string;
    env: Record<string, string>;
    extraConfig?: Record<string, unknown>;
    port?: number;
  }): Promise<BackendProcess> {
    const port = options.port ?? (await freePort());
    const base = `http://localhost:${port}`;
    const overrides = this.writeConfig(`${options.name}-run`, {
      backend: {
        listen: { port },
        database: { prefix: this.databasePrefix },
        cache: { redis: { client: { namespace: this.redisNamespace } } },
      },
    });
    const configs = [...PRODUCTION_CONFIGS];
    if (options.extraConfig) {
      configs.push(this.writeConfig(options.name, options.extraConfig));
    }
    configs.push(overrides);
    const backend = BackendProcess.start({
      name: options.name,
      port,
      configs,
      env: {
        APP_BASE_URL: base,
        BACKEND_BASE_URL: base,
        REDIS_URL,
        ...postgresEnv(),
        ...options.env,
      },
    });
    this.processes.push(backend);
    return backend;
  }

  /**
   * Starts the same process again (same port, config and environment), as
   * Kubernetes restarts a container.
   */
  restart(backend: BackendProcess): BackendProcess {
    const again = BackendProcess.start(backend.options);
    this.processes.push(again);
    return again;
  }

  /**
   * Waits until the backend is ready. A startup that fails (Backstage logs
   * it and never becomes ready) is what a startupProbe catches: the
   * container is restarted, here up to `restarts` times; each restart is
   * recorded in `startupRestarts`.
   */
  async ready(backend: BackendProcess, restarts = 3): Promise<BackendProcess> {
    let current = backend;
    for (let attempt = 0; ; attempt++) {
      try {
        await current.waitReady();
        return current;
      } catch (error) {
        if (!(error instanceof StartupFailedError) || attempt >= restarts) {
          throw error;
        }
        this.startupRestarts.push({
          backend: current.options.name,
          reason: error.logLine,
        });
        // As the kubelet does: SIGTERM, then SIGKILL after the grace
        // period, and a back-off before the restart (jittered here, so two
        // replicas that failed together do not race again).
        await current.stop();
        await sleep(2000 + Math.random() * 6000 * (attempt + 1));
        current = this.restart(current);
      }
    }
  }

  readonly startupRestarts: { backend: string; reason: string }[] = [];

  /** Stops every backend of the run, drops its databases and Redis keys, removes its files. */
  async cleanup(): Promise<void> {
    await Promise.all(this.processes.map(p => p.stop()));
    // Debugging aid: AI_PLATFORM_TEST_LOG_DIR=/tmp/logs keeps every process's log.
    const logDir = process.env.AI_PLATFORM_TEST_LOG_DIR;
    if (logDir) {
      fs.mkdirSync(logDir, { recursive: true });
      this.processes.forEach((p, i) =>
        fs.writeFileSync(
          path.join(logDir, `${this.id}-${i}-${p.options.name}.log`),
          p.logText(),
        ),
      );
    }
    await dropDatabases(this.databasePrefix);
    await deleteRedisKeys(`${this.redisNamespace}:`);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The environment variables of app-config.production.yaml for one cluster. */
export function clusterEnv(cluster: EnvCluster): Record<string, string> {
  return {
    CLUSTER_NAME: cluster.name,
    CLUSTER_URL: cluster.url,
    CLUSTER_TOKEN: cluster.token,
    CLUSTER_CA_DATA: cluster.caData,
  };
}

/** A user token from the guest provider (enabled by the test's config). */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `Guest sign-in failed: ${response.status} ${await response.text()}`,
    );
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

/** Guest sign-in for tests, as `userEntityRef` with the given groups. */
export function guestAuthConfig(userEntityRef: string, groups: string[]) {
  return {
    auth: {
      providers: {
        guest: {
          userEntityRef,
          ownershipEntityRefs: [userEntityRef, ...groups],
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
  };
}
