/**
 * Kubernetes label selector parser and matcher (the `labelSelector` query parameter).
 *
 * Supported: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a` (exists), `!a` (does not exist),
 * `a>1`, `a<1` (numeric, like the real server), comma = AND, whitespace ignored between tokens.
 */

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export type LabelOperator =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notin'
  | 'exists'
  | 'doesNotExist'
  | 'gt'
  | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

type Token =
  | { type: 'ident'; value: string }
  | {
      type:
        | '!'
        | '!='
        | '='
        | '=='
        | ','
        | '('
        | ')'
        | 'in'
        | 'notin'
        | '>'
        | '<'
        | 'end';
      value: string;
    };

const SPECIAL = new Set(['!', '=', ',', '(', ')', '<', '>']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '!' && input[i + 1] === '=') {
      tokens.push({ type: '!=', value: '!=' });
      i += 2;
    } else if (c === '=' && input[i + 1] === '=') {
      tokens.push({ type: '==', value: '==' });
      i += 2;
    } else if (SPECIAL.has(c)) {
      tokens.push({ type: c as Token['type'], value: c } as Token);
      i++;
    } else {
      let j = i;
      while (
        j < input.length &&
        !SPECIAL.has(input[j]) &&
        !/\s/.test(input[j])
      ) {
        j++;
      }
      const word = input.slice(i, j);
      if (word === 'in' || word === 'notin') {
        tokens.push({ type: word, value: word });
      } else {
        tokens.push({ type: 'ident', value: word });
      }
      i = j;
    }
  }
  tokens.push({ type: 'end', value: '' });
  return tokens;
}

const NAME_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN_RE =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Validates a label key the way the API server does (`prefix/name`, name <= 63 chars). */
export function validateLabelKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0) {
      return `prefix part must be non-empty`;
    }
    if (prefix.length > 253 || !DNS_SUBDOMAIN_RE.test(prefix)) {
      return `prefix part "${prefix}" must be a DNS subdomain`;
    }
  }
  if (name.length === 0) {
    return 'name part must be non-empty';
  }
  if (name.length > 63) {
    return 'name part must be no more than 63 characters';
  }
  if (!NAME_RE.test(name)) {
    return `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

export function validateLabelValue(value: string): string | undefined {
  if (value.length === 0) {
    return undefined;
  }
  if (value.length > 63) {
    return 'must be no more than 63 characters';
  }
  if (!NAME_RE.test(value)) {
    return `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

function fail(detail: string): never {
  throw new SelectorError(`unable to parse requirement: ${detail}`);
}

/** Parses a label selector string; throws SelectorError (mapped to 400 by the server) when malformed. */
export function parseLabelSelector(
  input: string | undefined,
): LabelRequirement[] {
  if (input === undefined || input.trim() === '') {
    return [];
  }
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const requirements: LabelRequirement[] = [];

  const readKey = (): string => {
    const t = next();
    if (t.type !== 'ident') {
      fail(`found '${t.value}', expected: identifier`);
    }
    const err = validateLabelKey(t.value);
    if (err) {
      fail(`invalid label key "${t.value}": ${err}`);
    }
    return t.value;
  };
  const readValue = (allowEmpty: boolean): string => {
    const t = peek();
    if (t.type !== 'ident') {
      if (allowEmpty) {
        return '';
      }
      fail(`found '${t.value}', expected: identifier`);
    }
    next();
    const err = validateLabelValue(t.value);
    if (err) {
      fail(`invalid label value: "${t.value}": ${err}`);
    }
    return t.value;
  };

  for (;;) {
    let requirement: LabelRequirement;
    if (peek().type === '!') {
      next();
      requirement = { key: readKey(), operator: 'doesNotExist', values: [] };
    } else {
      const key = readKey();
      const op = peek();
      switch (op.type) {
        case ',':
        case 'end':
          requirement = { key, operator: 'exists', values: [] };
          break;
        case '=':
        case '==':
          next();
          requirement = { key, operator: 'equals', values: [readValue(true)] };
          break;
        case '!=':
          next();
          requirement = {
            key,
            operator: 'notEquals',
            values: [readValue(true)],
          };
          break;
        case '>':
        case '<': {
          next();
          const value = readValue(false);
          if (!/^-?\d+$/.test(value)) {
            fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
          }
          requirement = {
            key,
            operator: op.type === '>' ? 'gt' : 'lt',
            values: [value],
          };
          break;
        }
        case 'in':
        case 'notin': {
          next();
          const open = next();
          if (open.type !== '(') {
            fail(`found '${open.value}', expected: '('`);
          }
          const values: string[] = [];
          for (;;) {
            values.push(readValue(true));
            const sep = next();
            if (sep.type === ')') {
              break;
            }
            if (sep.type !== ',') {
              fail(`found '${sep.value}', expected: ',' or ')'`);
            }
          }
          if (
            values.length === 1 &&
            values[0] === '' &&
            tokens[pos - 2].type === '('
          ) {
            fail(`for 'in', 'notin' operators, values set can't be empty`);
          }
          requirement = { key, operator: op.type, values };
          break;
        }
        default:
          fail(`found '${op.value}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    requirements.push(requirement);
    const sep = next();
    if (sep.type === 'end') {
      break;
    }
    if (sep.type !== ',') {
      fail(`found '${sep.value}', expected: ',' or 'end of string'`);
    }
  }
  return requirements;
}

/** True when every requirement holds for the given labels. */
export function matchLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of requirements) {
    const has =
      labels !== undefined &&
      Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels![r.key] : undefined;
    switch (r.operator) {
      case 'exists':
        if (!has) return false;
        break;
      case 'doesNotExist':
        if (has) return false;
        break;
      case 'equals':
        if (value !== r.values[0]) return false;
        break;
      case 'notEquals':
        // Like the real server: a missing label satisfies "!=".
        if (has && value === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(value!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(value!)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value!)) return false;
        const n = Number(value);
        const limit = Number(r.values[0]);
        if (r.operator === 'gt' ? !(n > limit) : !(n < limit)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/** Convenience: compile a selector string into a predicate. */
export function compileLabelSelector(
  input: string | undefined,
): ((labels: Record<string, string> | undefined) => boolean) | undefined {
  const reqs = parseLabelSelector(input);
  if (reqs.length === 0) {
    return undefined;
  }
  return labels => matchLabels(reqs, labels);
}
