import {
  parseChecklistParam,
  parseLimitParam,
  parseSinceParam,
  productYamlFilename,
} from './parseConformanceQuery';

describe('parseChecklistParam', () => {
  it.each(['1.33', '1.34', '1.35', '1.36', '1.37'])('accepts %s', v => {
    expect(parseChecklistParam(v)).toBe(v);
  });
  it('treats absent and empty as no override', () => {
    expect(parseChecklistParam(undefined)).toBeUndefined();
    expect(parseChecklistParam('')).toBeUndefined();
  });
  it('rejects unknown versions naming the parameter and the allowed versions', () => {
    expect(() => parseChecklistParam('1.32')).toThrow(
      "Invalid query parameter 'checklist': unknown checklist version '1.32'; allowed: 1.33, 1.34, 1.35, 1.36, 1.37",
    );
  });
  it('rejects a repeated parameter', () => {
    expect(() => parseChecklistParam(['1.33', '1.34'])).toThrow(
      "Query parameter 'checklist' must be given once",
    );
  });
});

describe('parseSinceParam', () => {
  it('accepts a date and normalizes it to an ISO time', () => {
    expect(parseSinceParam('2026-11-01')).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSinceParam('2026-11-01T12:30:00+02:00')).toBe(
      '2026-11-01T10:30:00.000Z',
    );
  });
  it.each(['yesterday', '2026-13-01', '1700000000', '2026-11-01T25:00:00Z'])(
    'rejects %s naming the parameter',
    v => {
      expect(() => parseSinceParam(v)).toThrow(
        /^Invalid query parameter 'since': /,
      );
    },
  );
});

describe('parseLimitParam', () => {
  it('accepts whole numbers from 1 to 1000', () => {
    expect(parseLimitParam('1')).toBe(1);
    expect(parseLimitParam('1000')).toBe(1000);
    expect(parseLimitParam(undefined)).toBeUndefined();
  });
  it.each(['0', '1001', '-1', '2.5', 'ten'])(
    'rejects %s naming the parameter',
    v => {
      expect(() => parseLimitParam(v)).toThrow(
        /^Invalid query parameter 'limit': /,
      );
    },
  );
});

describe('productYamlFilename', () => {
  it('keeps safe cluster names and replaces anything that could break the header', () => {
    expect(productYamlFilename('h100-prod')).toBe('h100-prod-PRODUCT.yaml');
    expect(productYamlFilename('a"b\r\nc')).toBe('a_b__c-PRODUCT.yaml');
  });
});
