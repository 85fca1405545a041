import {
  checkFieldsSupported,
  matchFields,
  parseFieldSelector,
} from './fieldSelector';
import { SelectorError } from './labelSelector';

describe('parseFieldSelector', () => {
  it('parses =, == and != terms', () => {
    expect(
      parseFieldSelector(
        'spec.nodeName=n1,status.phase==Running,metadata.namespace!=kube-system',
      ),
    ).toEqual([
      { field: 'spec.nodeName', operator: 'equals', value: 'n1' },
      { field: 'status.phase', operator: 'equals', value: 'Running' },
      {
        field: 'metadata.namespace',
        operator: 'notEquals',
        value: 'kube-system',
      },
    ]);
  });

  it('unescapes values and allows empty values', () => {
    expect(parseFieldSelector('a=x\\,y\\=z\\\\,b=')).toEqual([
      { field: 'a', operator: 'equals', value: 'x,y=z\\' },
      { field: 'b', operator: 'equals', value: '' },
    ]);
  });

  it('rejects terms without an operator or with bad escapes', () => {
    expect(() => parseFieldSelector('spec.nodeName')).toThrow(SelectorError);
    expect(() => parseFieldSelector('spec.nodeName')).toThrow(
      "invalid selector: 'spec.nodeName'",
    );
    expect(() => parseFieldSelector('a=b\\x')).toThrow(/invalid escape/);
    expect(() => parseFieldSelector('=b')).toThrow(SelectorError);
  });
});

describe('checkFieldsSupported', () => {
  it('names the unsupported field like the real server', () => {
    const reqs = parseFieldSelector('metadata.name=a,spec.foo=b');
    expect(() =>
      checkFieldsSupported(reqs, f => f.startsWith('metadata.')),
    ).toThrow('field label not supported: spec.foo');
    expect(() => checkFieldsSupported(reqs, () => true)).not.toThrow();
  });
});

describe('matchFields', () => {
  const values: Record<string, string> = {
    'spec.nodeName': 'n1',
    'status.phase': 'Running',
  };
  const get = (f: string) => values[f] ?? '';
  it.each([
    ['spec.nodeName=n1', true],
    ['spec.nodeName=n2', false],
    ['spec.nodeName!=n2', true],
    ['spec.nodeName!=n1', false],
    ['spec.nodeName=n1,status.phase=Pending', false],
    ['spec.schedulerName=', true], // unset fields read as ''
  ])('%s -> %s', (selector, expected) => {
    expect(matchFields(parseFieldSelector(selector), get)).toBe(expected);
  });
});
