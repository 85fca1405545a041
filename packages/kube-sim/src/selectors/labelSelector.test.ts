import {
  matchLabels,
  parseLabelSelector,
  SelectorError,
} from './labelSelector';

const labels = {
  app: 'vllm',
  tier: 'gpu',
  'nvidia.com/gpu.count': '8',
  empty: '',
};

function matches(
  selector: string,
  l: Record<string, string> | undefined = labels,
) {
  return matchLabels(parseLabelSelector(selector), l);
}

describe('parseLabelSelector', () => {
  it('parses every operator', () => {
    expect(
      parseLabelSelector('a=b,c==d,e!=f,g in (h,i),j notin (k),l,!m,n>1,o<2'),
    ).toEqual([
      { key: 'a', operator: 'equals', values: ['b'] },
      { key: 'c', operator: 'equals', values: ['d'] },
      { key: 'e', operator: 'notEquals', values: ['f'] },
      { key: 'g', operator: 'in', values: ['h', 'i'] },
      { key: 'j', operator: 'notin', values: ['k'] },
      { key: 'l', operator: 'exists', values: [] },
      { key: 'm', operator: 'doesNotExist', values: [] },
      { key: 'n', operator: 'gt', values: ['1'] },
      { key: 'o', operator: 'lt', values: ['2'] },
    ]);
  });

  it('accepts whitespace, prefixed keys and empty values', () => {
    expect(
      parseLabelSelector(' nvidia.com/gpu.present = true , x in ( a , b ) ,y='),
    ).toEqual([
      { key: 'nvidia.com/gpu.present', operator: 'equals', values: ['true'] },
      { key: 'x', operator: 'in', values: ['a', 'b'] },
      { key: 'y', operator: 'equals', values: [''] },
    ]);
  });

  it('treats an empty selector as "everything"', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector(undefined)).toEqual([]);
    expect(matches('')).toBe(true);
  });

  it.each([
    ['a in (', /expected/],
    ['a in ()', /can't be empty/],
    ['a in b', /expected: '\('/],
    ['=b', /expected: identifier/],
    ['a=b,', /expected: identifier/],
    ['a b', /expected: in, notin/],
    ['a>x', /must be an integer/],
    ['-bad-', /invalid label key/],
    ['Bad_Prefix/a=b', /prefix part/],
    [`a=${'x'.repeat(64)}`, /no more than 63/],
    ['a=b c', /expected: ',' or 'end of string'/],
  ])('rejects %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe('matchLabels', () => {
  it.each([
    ['app=vllm', true],
    ['app==vllm', true],
    ['app=other', false],
    ['app!=other', true],
    ['app!=vllm', false],
    ['missing!=x', true], // a missing label satisfies != (like the real server)
    ['app in (a,vllm)', true],
    ['app in (a,b)', false],
    ['missing in (a)', false],
    ['app notin (vllm)', false],
    ['app notin (a)', true],
    ['missing notin (a)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['nvidia.com/gpu.count>7', true],
    ['nvidia.com/gpu.count>8', false],
    ['nvidia.com/gpu.count<9', true],
    ['app>1', false], // non-numeric values never match gt/lt
    ['empty=', true],
    ['app=vllm,tier=gpu', true],
    ['app=vllm,tier=cpu', false],
  ])('%s -> %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('handles objects without labels', () => {
    expect(matches('!a', undefined)).toBe(true);
    expect(matches('a', undefined)).toBe(false);
    expect(matches('a!=b', undefined)).toBe(true);
  });
});
