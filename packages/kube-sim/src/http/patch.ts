/**
 * Patch algorithms used by PATCH: JSON merge patch (RFC 7386; strategic merge patches are treated
 * the same way, which is right for everything except keyed lists) and JSON patch (RFC 6902).
 */

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) {
    return patch;
  }
  const result: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (
      key === '$patch' ||
      key.startsWith('$setElementOrder/') ||
      key.startsWith('$retainKeys')
    ) {
      // Strategic-merge directives have no meaning in a plain merge patch.
      continue;
    }
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key], value);
    }
  }
  return result;
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new PatchError(`invalid JSON pointer "${pointer}"`);
  }
  return pointer.slice(1).split('/').map(unescapePointer);
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

function getParent(
  doc: unknown,
  tokens: string[],
  path: string,
): { parent: unknown; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      cur = cur[Number(t)];
    } else if (isPlainObject(cur)) {
      cur = cur[t];
    } else {
      cur = undefined;
    }
    if (cur === undefined) {
      throw new PatchError(`path "${path}" does not exist`);
    }
  }
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function getValue(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined)
      throw new PatchError(`path "${path}" does not exist`);
  }
  return cur;
}

function arrayIndex(
  arr: unknown[],
  key: string,
  path: string,
  allowEnd: boolean,
): number {
  if (key === '-' && allowEnd) return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key))
    throw new PatchError(`invalid array index in "${path}"`);
  const i = Number(key);
  if (i > arr.length || (!allowEnd && i === arr.length)) {
    throw new PatchError(`array index out of range in "${path}"`);
  }
  return i;
}

function addValue(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = getParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, key, path, true), 0, value);
  } else if (isPlainObject(parent)) {
    parent[key] = value;
  } else {
    throw new PatchError(`path "${path}" does not exist`);
  }
  return doc;
}

function removeValue(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0)
    throw new PatchError('cannot remove the whole document');
  const { parent, key } = getParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, key, path, false), 1);
  } else if (isPlainObject(parent) && key in parent) {
    delete parent[key];
  } else {
    throw new PatchError(`path "${path}" does not exist`);
  }
  return doc;
}

/** RFC 6902 JSON patch. */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw new PatchError('a JSON patch must be an array of operations');
  }
  let doc = clone(target);
  operations.forEach((raw, i) => {
    const op = raw as Record<string, unknown>;
    if (
      !isPlainObject(op) ||
      typeof op.op !== 'string' ||
      typeof op.path !== 'string'
    ) {
      throw new PatchError(`operation ${i}: needs "op" and "path"`);
    }
    const path = op.path;
    switch (op.op) {
      case 'add':
        doc = addValue(doc, path, clone(op.value));
        break;
      case 'remove':
        doc = removeValue(doc, path);
        break;
      case 'replace':
        getValue(doc, path);
        if (path === '') {
          doc = clone(op.value);
          break;
        }
        doc = addValue(removeValue(doc, path), path, clone(op.value));
        break;
      case 'move': {
        if (typeof op.from !== 'string')
          throw new PatchError(`operation ${i}: move needs "from"`);
        const v = getValue(doc, op.from);
        doc = addValue(removeValue(doc, op.from), path, v);
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string')
          throw new PatchError(`operation ${i}: copy needs "from"`);
        doc = addValue(doc, path, clone(getValue(doc, op.from)));
        break;
      }
      case 'test':
        if (JSON.stringify(getValue(doc, path)) !== JSON.stringify(op.value)) {
          throw new PatchError(`operation ${i}: test failed for "${path}"`);
        }
        break;
      default:
        throw new PatchError(`operation ${i}: unknown op "${op.op}"`);
    }
  });
  return doc;
}
