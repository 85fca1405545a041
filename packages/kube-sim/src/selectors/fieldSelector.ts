/**
 * Kubernetes field selector parser (the `fieldSelector` query parameter).
 *
 * Terms are separated by commas and use `=`, `==` or `!=`. Values may escape `\,`, `\=` and `\\`.
 * Which fields a kind supports is decided by the caller (see `checkFieldsSupported`).
 */
import { SelectorError } from './labelSelector';

export interface FieldRequirement {
  field: string;
  operator: 'equals' | 'notEquals';
  value: string;
}

function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[i + 1];
      i++;
    } else if (c === ',') {
      terms.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  terms.push(current);
  return terms;
}

function unescapeValue(value: string, term: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const n = value[i + 1];
      if (n === '\\' || n === ',' || n === '=') {
        out += n;
        i++;
        continue;
      }
      throw new SelectorError(
        `invalid field selector: invalid escape sequence in '${term}'`,
      );
    }
    if (c === ',' || c === '=') {
      throw new SelectorError(
        `invalid field selector: unescaped '${c}' in value of '${term}'`,
      );
    }
    out += c;
  }
  return out;
}

/** Parses a field selector; throws SelectorError when malformed. */
export function parseFieldSelector(
  input: string | undefined,
): FieldRequirement[] {
  if (input === undefined || input.trim() === '') {
    return [];
  }
  const out: FieldRequirement[] = [];
  for (const rawTerm of splitTerms(input)) {
    const term = rawTerm.trim();
    if (term === '') {
      continue;
    }
    let idx = -1;
    let opLen = 0;
    let operator: FieldRequirement['operator'] = 'equals';
    for (let i = 0; i < term.length; i++) {
      if (term[i] === '\\') {
        i++;
        continue;
      }
      if (term.startsWith('!=', i)) {
        idx = i;
        opLen = 2;
        operator = 'notEquals';
        break;
      }
      if (term.startsWith('==', i)) {
        idx = i;
        opLen = 2;
        break;
      }
      if (term[i] === '=') {
        idx = i;
        opLen = 1;
        break;
      }
    }
    if (idx <= 0) {
      throw new SelectorError(
        `invalid selector: '${term}'; can't understand '${term}'`,
      );
    }
    const field = term.slice(0, idx).trim();
    const value = unescapeValue(term.slice(idx + opLen).trim(), term);
    out.push({ field, operator, value });
  }
  return out;
}

/** Throws the real server's error for the first field the kind does not support. */
export function checkFieldsSupported(
  requirements: FieldRequirement[],
  supported: (field: string) => boolean,
): void {
  for (const r of requirements) {
    if (!supported(r.field)) {
      throw new SelectorError(`field label not supported: ${r.field}`);
    }
  }
}

/** True when every requirement holds; `get` returns the object's value for a field ('' when unset). */
export function matchFields(
  requirements: FieldRequirement[],
  get: (field: string) => string,
): boolean {
  for (const r of requirements) {
    const v = get(r.field);
    if (r.operator === 'equals' ? v !== r.value : v === r.value) {
      return false;
    }
  }
  return true;
}
