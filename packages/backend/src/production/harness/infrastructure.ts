import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Client } from 'pg';

/** The local PostgreSQL of scripts/test.sh (trust auth). */
export const POSTGRES_URL =
  process.env.AI_PLATFORM_TEST_POSTGRES ??
  'postgresql://postgres@127.0.0.1:5432/postgres';
/** The local Redis of scripts/test.sh. */
export const REDIS_URL =
  process.env.AI_PLATFORM_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** A short lowercase id, unique per run, usable in database names and Redis namespaces. */
export function runId(label: string): string {
  return `aip_${label}_${Date.now().toString(36)}${randomBytes(3).toString(
    'hex',
  )}`;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Connection settings of the test PostgreSQL, as the production config reads them from the environment. */
export function postgresEnv(): Record<string, string> {
  const url = new URL(POSTGRES_URL);
  return {
    POSTGRES_HOST: url.hostname,
    POSTGRES_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username || 'postgres'),
    POSTGRES_PASSWORD: decodeURIComponent(url.password),
  };
}

/** Runs `fn` with a client on the maintenance database (or `database`). */
export async function withPostgres<T>(
  fn: (client: Client) => Promise<T>,
  database?: string,
): Promise<T> {
  const url = new URL(POSTGRES_URL);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops every database named `<prefix>*`: Backstage creates one per plugin
 * (`backend.database.prefix` + plugin id). Connections left over from a
 * killed backend are terminated first.
 */
export async function dropDatabases(prefix: string): Promise<string[]> {
  if (!/^[a-z0-9_]+$/.test(prefix)) {
    throw new Error(`Refusing to drop databases with prefix ${prefix}`);
  }
  return withPostgres(async client => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    return rows.map(r => r.datname);
  });
}

/** Runs a query in the plugin database `<prefix><pluginId>`. */
export async function queryPluginDatabase<T extends Record<string, any>>(
  prefix: string,
  pluginId: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withPostgres(async client => {
    const { rows } = await client.query<T>(sql, params);
    return rows;
  }, `${prefix}${pluginId}`);
}

/**
 * A minimal Redis client (RESP over a socket) for the few commands the
 * tests need; the repository has no Redis client of its own.
 */
export async function redisCommand(
  args: string[],
  url = REDIS_URL,
): Promise<unknown> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port || 6379), hostname);
  const payload = `*${args.length}\r\n${args
    .map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)
    .join('')}`;
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseResp(buffer, 0);
      if (parsed) {
        socket.end();
        if (parsed.value instanceof Error) reject(parsed.value);
        else resolve(parsed.value);
      }
    });
    socket.write(payload);
  });
}

function parseResp(
  buf: Buffer,
  at: number,
): { value: unknown; next: number } | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[at]);
  const line = buf.toString('utf8', at + 1, eol);
  switch (type) {
    case '+':
      return { value: line, next: eol + 2 };
    case '-':
      return { value: new Error(line), next: eol + 2 };
    case ':':
      return { value: Number(line), next: eol + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return undefined;
      return {
        value: buf.toString('utf8', eol + 2, eol + 2 + len),
        next: eol + 2 + len + 2,
      };
    }
    case '*': {
      const count = Number(line);
      const items: unknown[] = [];
      let next = eol + 2;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buf, next);
        if (!item) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      return { value: new Error(`Unexpected RESP type ${type}`), next: eol };
  }
}

/** Every Redis key that starts with `prefix`. */
export async function redisKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = (await redisCommand([
      'SCAN',
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      '1000',
    ])) as [string, string[]];
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

export async function deleteRedisKeys(prefix: string): Promise<number> {
  const keys = await redisKeys(prefix);
  for (let i = 0; i < keys.length; i += 500) {
    await redisCommand(['DEL', ...keys.slice(i, i + 500)]);
  }
  return keys.length;
}
