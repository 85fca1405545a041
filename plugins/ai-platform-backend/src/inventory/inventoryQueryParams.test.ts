import { InputError } from '@backstage/errors';
import {
  parseCapacityRequestBody,
  parseInventoryQueryParams,
  parseNodeQueryParams,
  validateNodeQuery,
} from './inventoryQueryParams';

describe('parseInventoryQueryParams', () => {
  it('reads repeated and comma-separated clusters, vendor, product and numbers', () => {
    expect(
      parseInventoryQueryParams({
        cluster: ['h100-prod', 'a100-research, mi300x-lab', 'h100-prod'],
        vendor: 'nvidia',
        product: ' H100 ',
        minMemoryGiB: '80',
        minFree: '2',
      }),
    ).toEqual({
      clusters: ['h100-prod', 'a100-research', 'mi300x-lab'],
      vendor: 'nvidia',
      product: 'H100',
      minMemoryGiB: 80,
      minFree: 2,
    });
    expect(parseInventoryQueryParams({})).toEqual({});
    expect(
      parseInventoryQueryParams({ cluster: 'a', vendor: '', product: '' }),
    ).toEqual({ clusters: ['a'] });
  });

  it.each([
    [
      { vendor: 'nvida' },
      `Query parameter 'vendor' must be one of nvidia, amd, intel, other, got "nvida"`,
    ],
    [
      { vendor: ['nvidia', 'amd'] },
      `Query parameter 'vendor' must be given once, as a plain value`,
    ],
    [
      { minMemoryGiB: '-1' },
      `Query parameter 'minMemoryGiB' must be a number of GiB, 0 or more, got "-1"`,
    ],
    [
      { minMemoryGiB: 'lots' },
      `Query parameter 'minMemoryGiB' must be a number of GiB, 0 or more, got "lots"`,
    ],
    [
      { minFree: '1.5' },
      `Query parameter 'minFree' must be a whole number, 0 or more, got "1.5"`,
    ],
    [
      { product: 'x'.repeat(101) },
      `Query parameter 'product' must be at most 100 characters, got 101`,
    ],
    [
      { cluster: { a: 'b' } },
      `Query parameter 'cluster' must be one or more cluster names`,
    ],
    [
      { limit: '5' },
      `Unknown query parameter 'limit'; allowed: cluster, vendor, product, minMemoryGiB, minFree`,
    ],
  ])('rejects %j', (params, message) => {
    expect(() => parseInventoryQueryParams(params)).toThrow(InputError);
    expect(() => parseInventoryQueryParams(params)).toThrow(message);
  });
});

describe('parseNodeQueryParams', () => {
  it('reads gpuOnly, offset and limit', () => {
    expect(
      parseNodeQueryParams({
        gpuOnly: 'false',
        offset: '100',
        limit: '500',
        vendor: 'amd',
      }),
    ).toEqual({
      vendor: 'amd',
      gpuOnly: false,
      offset: 100,
      limit: 500,
    });
  });

  it.each([
    [
      { limit: 'ten' },
      `Query parameter 'limit' must be a whole number from 1 to 500, got "ten"`,
    ],
    [
      { limit: '501' },
      `Query parameter 'limit' must be a whole number from 1 to 500, got "501"`,
    ],
    [
      { limit: '0' },
      `Query parameter 'limit' must be a whole number from 1 to 500, got "0"`,
    ],
    [
      { offset: '-1' },
      `Query parameter 'offset' must be a whole number, 0 or more, got "-1"`,
    ],
    [
      { gpuOnly: 'yes' },
      `Query parameter 'gpuOnly' must be true or false, got "yes"`,
    ],
    [{ page: '2' }, `Unknown query parameter 'page'`],
  ])('rejects %j', (params, message) => {
    expect(() => parseNodeQueryParams(params)).toThrow(message);
  });
});

describe('validateNodeQuery', () => {
  it('checks objects from other callers with the same rules', () => {
    expect(
      validateNodeQuery({ clusters: ['a'], limit: 10, gpuOnly: true }),
    ).toEqual({
      clusters: ['a'],
      limit: 10,
      gpuOnly: true,
    });
    expect(() => validateNodeQuery({ minFree: -1 })).toThrow(/'minFree'/);
    expect(() => validateNodeQuery({ clusters: 'a' as never })).toThrow(
      'clusters must be a list of cluster names',
    );
    expect(() => validateNodeQuery({ color: 'red' } as never)).toThrow(
      "Unknown inventory query field 'color'",
    );
  });
});

describe('parseCapacityRequestBody', () => {
  it('accepts a request and leaves out an empty product', () => {
    expect(
      parseCapacityRequestBody({
        count: 4,
        minMemoryGiB: 80,
        product: '',
        vendor: 'nvidia',
        allowShared: true,
      }),
    ).toEqual({
      count: 4,
      minMemoryGiB: 80,
      vendor: 'nvidia',
      allowShared: true,
    });
  });

  it('says what to send when the body is missing', () => {
    expect(() => parseCapacityRequestBody(undefined)).toThrow(
      /body is missing/,
    );
    expect(() => parseCapacityRequestBody('4')).toThrow(
      /must be a JSON object/,
    );
  });
});
