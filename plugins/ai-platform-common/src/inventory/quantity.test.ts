import {
  formatGiB,
  parseCount,
  parseLabelMemoryMiB,
  parseQuantity,
  quantityToMiB,
} from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['8', 8],
    ['500m', 0.5],
    ['81559Mi', 81559 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['192G', 192e9],
    ['2085000000Ki', 2085000000 * 1024],
    ['1e3', 1000],
    ['12E', 12e18],
    ['.5', 0.5],
  ])('parses %s', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  it.each(['', 'abc', '8 GPUs', '1.2.3', 'Mi', '10Xi'])(
    'returns undefined for %j',
    input => {
      expect(parseQuantity(input)).toBeUndefined();
    },
  );

  it('accepts numbers and rejects non-finite ones', () => {
    expect(parseQuantity(3)).toBe(3);
    expect(parseQuantity(Number.NaN)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});

describe('parseCount', () => {
  it('reads whole counts and treats malformed or negative ones as zero', () => {
    expect(parseCount('8')).toBe(8);
    expect(parseCount(undefined)).toBe(0);
    expect(parseCount('eight')).toBe(0);
    expect(parseCount('-2')).toBe(0);
  });
});

describe('quantityToMiB', () => {
  it('converts quantities and bytes to MiB', () => {
    expect(quantityToMiB('81559Mi')).toBe(81559);
    expect(quantityToMiB(String(81559 * 2 ** 20))).toBe(81559);
    expect(quantityToMiB('80Gi')).toBe(81920);
    expect(quantityToMiB('nope')).toBeUndefined();
  });
});

describe('parseLabelMemoryMiB', () => {
  it('reads vendor label memory: G means GiB, no unit means MiB', () => {
    expect(parseLabelMemoryMiB('192G')).toBe(196608);
    expect(parseLabelMemoryMiB('80GB')).toBe(81920);
    expect(parseLabelMemoryMiB('81559')).toBe(81559);
    expect(parseLabelMemoryMiB('40Gi')).toBe(40960);
    expect(parseLabelMemoryMiB('1T')).toBe(1048576);
    expect(parseLabelMemoryMiB('lots')).toBeUndefined();
    expect(parseLabelMemoryMiB(undefined)).toBeUndefined();
  });
});

describe('formatGiB', () => {
  it('keeps whole numbers whole and rounds others to one decimal', () => {
    expect(formatGiB(81920)).toBe('80 GiB');
    expect(formatGiB(81559)).toBe('79.6 GiB');
  });
});
