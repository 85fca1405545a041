/**
 * Pure parsers for CLI arguments.
 */
import type { SyntheticClusterOptions } from '../generator/synthetic';
import type { RestrictedToken } from '../types';

export class CliArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliArgError';
  }
}

export type ClusterArg =
  | { name: string; dir: string }
  | { name: string; synthetic: Omit<SyntheticClusterOptions, 'name'> };

const NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

const SYNTHETIC_KEYS: Record<string, 'int' | 'float'> = {
  nodes: 'int',
  gpusPerNode: 'int',
  podsPerNode: 'int',
  draFraction: 'float',
  seed: 'int',
  kubernetesMinor: 'int',
  pendingPods: 'int',
  namespaces: 'int',
};

function splitNameValue(
  arg: string,
  flag: string,
  example: string,
): [string, string] {
  const i = arg.indexOf('=');
  if (i <= 0 || i === arg.length - 1) {
    throw new CliArgError(
      `${flag} expects NAME=VALUE (e.g. ${example}), got "${arg}"`,
    );
  }
  const name = arg.slice(0, i);
  if (!NAME_RE.test(name)) {
    throw new CliArgError(
      `${flag}: invalid cluster name "${name}" (letters, digits, '.', '_', '-')`,
    );
  }
  return [name, arg.slice(i + 1)];
}

/** `nodes=5000,podsPerNode=30,seed=1` -> options. */
export function parseSyntheticSpec(
  spec: string,
): Omit<SyntheticClusterOptions, 'name'> {
  const out: Record<string, number> = {};
  for (const part of spec
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map(s => s.trim());
    const type = SYNTHETIC_KEYS[key];
    if (!type) {
      throw new CliArgError(
        `synthetic cluster: unknown option "${key}" (known: ${Object.keys(
          SYNTHETIC_KEYS,
        ).join(', ')})`,
      );
    }
    const n = Number(value);
    if (
      value === undefined ||
      value === '' ||
      !Number.isFinite(n) ||
      (type === 'int' && !Number.isInteger(n)) ||
      n < 0
    ) {
      throw new CliArgError(
        `synthetic cluster: ${key} must be a non-negative ${
          type === 'int' ? 'integer' : 'number'
        }, got "${value ?? ''}"`,
      );
    }
    out[key] = n;
  }
  if (out.nodes === undefined) {
    throw new CliArgError(
      'synthetic cluster: nodes=N is required (e.g. synthetic:nodes=100,podsPerNode=30)',
    );
  }
  if (out.draFraction !== undefined && out.draFraction > 1) {
    throw new CliArgError(
      'synthetic cluster: draFraction must be between 0 and 1',
    );
  }
  return out as unknown as Omit<SyntheticClusterOptions, 'name'>;
}

/** `--cluster NAME=DIR` or `--cluster NAME=synthetic:nodes=...`. */
export function parseClusterArg(arg: string): ClusterArg {
  const [name, value] = splitNameValue(
    arg,
    '--cluster',
    'gpu-east=./clusters/gpu-east',
  );
  if (value.startsWith('synthetic:') || value === 'synthetic') {
    return {
      name,
      synthetic: parseSyntheticSpec(value.slice('synthetic:'.length)),
    };
  }
  return { name, dir: value };
}

/** `--token NAME=TOKEN`. */
export function parseTokenArg(arg: string): { name: string; token: string } {
  const [name, token] = splitNameValue(arg, '--token', 'gpu-east=s3cr3t');
  return { name, token };
}

/** `--restricted-token NAME=TOKEN:pods,secrets`. */
export function parseRestrictedTokenArg(arg: string): {
  name: string;
  restricted: RestrictedToken;
} {
  const [name, value] = splitNameValue(
    arg,
    '--restricted-token',
    'gpu-east=t0k3n:pods,secrets',
  );
  const i = value.lastIndexOf(':');
  if (i <= 0 || i === value.length - 1) {
    throw new CliArgError(
      `--restricted-token expects NAME=TOKEN:RESOURCE[,RESOURCE...], got "${arg}"`,
    );
  }
  const forbid = value
    .slice(i + 1)
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  return { name, restricted: { token: value.slice(0, i), forbid } };
}

export function parsePort(value: string, flag = '--port'): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new CliArgError(
      `${flag} must be an integer between 0 and 65535, got "${value}"`,
    );
  }
  return n;
}
