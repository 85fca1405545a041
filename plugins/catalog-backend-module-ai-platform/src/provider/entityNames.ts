import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * Turns anything into a valid entity name (`[a-z0-9]` runs joined by single
 * `-`, `_` or `.`, at most 63 characters). Names that had to be cut keep a
 * short hash of the whole input, so two long inputs that share a prefix
 * still get different, stable names.
 */
export function toEntityName(raw: string): string {
  const cleaned = raw
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  const name = cleaned || 'x';
  if (name.length <= MAX_NAME_LENGTH) return name;
  const head = name
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[-_.]+$/, '');
  return `${head}-${shortHash(raw)}`;
}

/** `h100-prod-llm-serving-vllm-qwen3-32b`: cluster, namespace and object name. */
export function discoveredObjectName(
  cluster: string,
  namespace: string,
  name: string,
  suffix?: string,
): string {
  return toEntityName(
    [cluster, namespace, name, suffix].filter(Boolean).join('-'),
  );
}

/** `Qwen/Qwen3-32B` becomes `qwen-qwen3-32b`. */
export function modelEntityName(modelKey: string): string {
  return toEntityName(modelKey.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
}

/**
 * Makes names unique within one provider run: the second and later
 * entities that would share a name get a hash of what they stand for.
 */
export class NameAllocator {
  private readonly used = new Set<string>();

  allocate(name: string, identity: string): string {
    let candidate = name;
    for (let attempt = 0; this.used.has(candidate); attempt++) {
      const hash = shortHash(attempt ? `${identity}#${attempt}` : identity);
      candidate = `${name
        .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
        .replace(/[-_.]+$/, '')}-${hash}`;
    }
    this.used.add(candidate);
    return candidate;
  }

  reserve(name: string) {
    this.used.add(name);
  }
}
