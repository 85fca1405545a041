import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** packages/backend, where `src/index.ts` and relative config paths resolve. */
export const BACKEND_DIR = resolvePackagePath('backend');
export const REPO_ROOT = path.resolve(BACKEND_DIR, '../..');

/** A plugin failed to start: Backstage logs it and stays up, never ready. */
export class StartupFailedError extends Error {
  readonly name = 'StartupFailedError';
  constructor(readonly backend: string, readonly logLine: string) {
    super(`Backend ${backend} failed to start: ${logLine.slice(0, 3000)}`);
  }
}

export interface BackendProcessOptions {
  /** Shown in errors and log dumps, e.g. `replica-a`. */
  name: string;
  /** Config files, in order (later ones win), as absolute paths. */
  configs: string[];
  /** Added to the inherited environment. */
  env?: Record<string, string | undefined>;
  /** The port `backend.listen.port` in the configs names. */
  port: number;
}

/**
 * A real backend process of packages/backend (`src/index.ts` run through
 * the Backstage CLI's Node transform, as the repository's bin launchers
 * do): every line it prints is kept, so tests can search its logs.
 */
export class BackendProcess {
  readonly lines: string[] = [];
  readonly baseUrl: string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<string>;
  private readonly child: ChildProcess;
  private exitedValue?: string;

  static start(options: BackendProcessOptions): BackendProcess {
    return new BackendProcess(options);
  }

  private constructor(readonly options: BackendProcessOptions) {
    this.baseUrl = `http://localhost:${options.port}`;
    const args = [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      ...options.configs.flatMap(c => ['--config', c]),
    ];
    this.child = spawn(process.execPath, args, {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        // Production logging (JSON lines) and production code paths.
        NODE_ENV: 'production',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        this.lines.push(...parts);
      });
      stream?.on('end', () => {
        if (rest) this.lines.push(rest);
      });
    };
    collect(this.child.stdout);
    collect(this.child.stderr);
    this.exited = new Promise(resolve => {
      this.child.on('exit', (code, signal) => {
        this.exitedValue = signal ?? String(code);
        resolve(this.exitedValue);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitedValue === undefined;
  }

  /** Everything logged so far. */
  logText(): string {
    return this.lines.join('\n');
  }

  /** The startup error, once the backend has logged that a plugin failed to start. */
  startupFailure(): string | undefined {
    return this.lines.find(l => l.includes('Backend startup failed'));
  }

  /**
   * Waits until `/.backstage/health/v1/readiness` answers 200 (every plugin
   * started). A failed startup (the process stays up, unready) throws
   * StartupFailedError at once.
   */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const failure = this.startupFailure();
      if (failure) {
        throw new StartupFailedError(this.options.name, failure);
      }
      if (!this.running) {
        throw new Error(
          `Backend ${this.options.name} exited (${
            this.exitedValue
          }) before it was ready; last log lines:\n${this.tail(40)}`,
        );
      }
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/readiness`,
        );
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(500);
    }
    throw new Error(
      `Backend ${
        this.options.name
      } not ready after ${timeoutMs} ms; last log lines:\n${this.tail(40)}`,
    );
  }

  /** Graceful stop (SIGTERM, what Kubernetes sends), SIGKILL if it takes too long. */
  async stop(graceMs = 20_000): Promise<string> {
    if (!this.running) return this.exitedValue!;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hard kill (a crashed node or OOM kill): no shutdown hooks run. */
  async kill(): Promise<string> {
    if (!this.running) return this.exitedValue!;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** The last log lines, without the access log of incoming requests. */
  tail(n: number): string {
    return this.lines
      .filter(l => !l.includes('"type":"incomingRequest"'))
      .slice(-n)
      .map(l => l.slice(0, 2000))
      .join('\n');
  }

  /** Waits until a log line matches. */
  async waitForLog(
    pattern: RegExp,
    timeoutMs = 60_000,
    from = 0,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = this.lines.slice(from).find(l => pattern.test(l));
      if (line) return line;
      if (!this.running) break;
      await sleep(200);
    }
    throw new Error(
      `Backend ${
        this.options.name
      }: no log line matching ${pattern} within ${timeoutMs} ms; last lines:\n${this.tail(
        30,
      )}`,
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls until `fn` returns a value other than undefined. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${
      last ? `: ${last}` : ''
    }`,
  );
}
