import {
  readFilters,
  toInventoryQuery,
  writeFilters,
} from './inventoryFilters';

describe('inventory filters', () => {
  it('reads filters from the URL and ignores malformed values', () => {
    expect(
      readFilters(
        new URLSearchParams(
          'vendor=amd&product=MI300&minMemoryGiB=80&minFree=2&other=x',
        ),
      ),
    ).toEqual({
      vendor: 'amd',
      product: 'MI300',
      minMemoryGiB: 80,
      minFree: 2,
    });
    expect(
      readFilters(
        new URLSearchParams(
          'vendor=acme&minMemoryGiB=lots&minFree=-1&product=%20',
        ),
      ),
    ).toEqual({
      vendor: undefined,
      product: undefined,
      minMemoryGiB: undefined,
      minFree: undefined,
    });
  });

  it('writes filters back without touching other parameters', () => {
    const next = writeFilters(
      new URLSearchParams('cluster=h100-prod&vendor=amd'),
      {
        product: 'H100',
        minFree: 4,
      },
    );
    expect(next.toString()).toBe('cluster=h100-prod&product=H100&minFree=4');
  });

  it('maps filters and the chosen cluster onto the inventory query', () => {
    expect(
      toInventoryQuery({ vendor: 'nvidia', minMemoryGiB: 80 }, 'h100-prod'),
    ).toEqual({
      clusters: ['h100-prod'],
      vendor: 'nvidia',
      minMemoryGiB: 80,
    });
    expect(toInventoryQuery({})).toEqual({});
  });
});
