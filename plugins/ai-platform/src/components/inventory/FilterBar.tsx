import { FormEvent, useEffect, useState } from 'react';
import { GpuVendor } from '@ai-platform/plugin-ai-platform-common';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { vendorLabels } from '../shared/format';
import { InventoryFilters } from './inventoryFilters';

function numberOrUndefined(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Vendor, product, memory and free-capacity filters. Applied on submit, so
 * typing does not send a request per keystroke.
 */
export function FilterBar(props: {
  filters: InventoryFilters;
  onApply: (filters: InventoryFilters) => void;
}) {
  const { filters, onApply } = props;
  const [vendor, setVendor] = useState(filters.vendor ?? '');
  const [product, setProduct] = useState(filters.product ?? '');
  const [minMemory, setMinMemory] = useState(
    filters.minMemoryGiB?.toString() ?? '',
  );
  const [minFree, setMinFree] = useState(filters.minFree?.toString() ?? '');

  // Follow the URL when it changes underneath (back button, links).
  useEffect(() => {
    setVendor(filters.vendor ?? '');
    setProduct(filters.product ?? '');
    setMinMemory(filters.minMemoryGiB?.toString() ?? '');
    setMinFree(filters.minFree?.toString() ?? '');
  }, [filters.vendor, filters.product, filters.minMemoryGiB, filters.minFree]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      vendor: (vendor || undefined) as GpuVendor | undefined,
      product: product.trim() || undefined,
      minMemoryGiB: numberOrUndefined(minMemory),
      minFree: numberOrUndefined(minFree),
    });
  };

  return (
    <form onSubmit={submit} aria-label="Inventory filters">
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        alignItems={{ md: 'center' }}
      >
        <TextField
          select
          size="small"
          label="Vendor"
          value={vendor}
          onChange={e => setVendor(e.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 140 }}
        >
          <option value="">Any</option>
          {(Object.keys(vendorLabels) as GpuVendor[]).map(v => (
            <option key={v} value={v}>
              {vendorLabels[v]}
            </option>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Product"
          placeholder="e.g. H100"
          value={product}
          onChange={e => setProduct(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          type="number"
          label="Min memory per GPU (GiB)"
          value={minMemory}
          onChange={e => setMinMemory(e.target.value)}
          slotProps={{ htmlInput: { min: 0 }, inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          type="number"
          label="Min free units per node"
          value={minFree}
          onChange={e => setMinFree(e.target.value)}
          slotProps={{ htmlInput: { min: 0 }, inputLabel: { shrink: true } }}
        />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained">
            Apply filters
          </Button>
          <Button type="button" onClick={() => onApply({})}>
            Clear
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}
