import { joinNames } from './joinNames';

describe('joinNames', () => {
  it('lists up to max names, then counts the rest', () => {
    expect(joinNames(['a', 'b'])).toBe('a, b');
    expect(joinNames(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
    expect(joinNames([])).toBe('');
  });
});
