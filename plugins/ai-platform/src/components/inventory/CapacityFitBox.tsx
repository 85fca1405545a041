import { FormEvent, useState } from 'react';
import {
  CapacityFit,
  CapacityRequest,
  GpuVendor,
  Placement,
} from '@ai-platform/plugin-ai-platform-common';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { formatGiB, unitKindLabel, vendorLabels } from '../shared/format';
import { SimpleTable } from '../shared/SimpleTable';
import { StaleBadge } from '../shared/badges';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { UnitKindBadge } from './UnitKindBadge';

/** A placement names its resource, not its MIG profile: read the profile from the name. */
function placementKindLabel(p: Placement): string {
  const profile = /mig-([^/]+)$/.exec(p.resourceName)?.[1];
  return unitKindLabel({ kind: p.kind, dra: p.dra, profile });
}

function PlacementTable(props: { label: string; placements: Placement[] }) {
  return (
    <SimpleTable
      label={props.label}
      rows={props.placements}
      rowKey={p => `${p.cluster}/${p.node}/${p.resourceName}`}
      pageSize={10}
      columns={[
        {
          title: 'Rank',
          align: 'right',
          render: p => props.placements.indexOf(p) + 1,
        },
        {
          title: 'Cluster',
          render: p => (
            <>
              {p.cluster} {p.stale && <StaleBadge />}
            </>
          ),
        },
        { title: 'Node', rowHeader: true, render: p => p.node },
        { title: 'Product', render: p => p.product },
        {
          title: 'Kind',
          render: p => (
            <UnitKindBadge
              kind={p.kind}
              dra={p.dra}
              label={placementKindLabel(p)}
            />
          ),
        },
        {
          title: 'Memory per unit',
          align: 'right',
          render: p => formatGiB(p.memoryMiB),
        },
        { title: 'Free units', align: 'right', render: p => p.freeUnits },
        { title: 'Units used', align: 'right', render: p => p.units },
        {
          title: 'Why',
          render: p => (
            <>
              {p.reasons.join('; ')}
              {p.taints.length > 0 && (
                <Typography variant="body2" color="text.secondary">
                  Taints to tolerate: {p.taints.join(', ')}
                </Typography>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

export function CapacityFitResult(props: { fit: CapacityFit }) {
  const { fit } = props;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Alert severity={fit.fits.length > 0 ? 'success' : 'info'} role="status">
        {fit.summary}
      </Alert>
      {fit.fits.length > 0 ? (
        <PlacementTable label="Placements that fit" placements={fit.fits} />
      ) : (
        fit.closest.length > 0 && (
          <>
            <Typography variant="subtitle1" component="h3">
              Closest options
            </Typography>
            <PlacementTable label="Closest options" placements={fit.closest} />
          </>
        )
      )}
      {fit.skippedClusters.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Not considered:{' '}
          {fit.skippedClusters
            .map(s => `${s.cluster} (${s.reason})`)
            .join('; ')}
          .
        </Typography>
      )}
    </Stack>
  );
}

/**
 * "4 × 80 GB on one node": asks the backend where a request fits now and
 * shows its ranked placements, or the closest options when nothing fits.
 */
export function CapacityFitBox(props: {
  clusters?: string[];
  initial?: Partial<CapacityRequest>;
}) {
  const api = useAiPlatformApi();
  const [count, setCount] = useState(String(props.initial?.count ?? 4));
  const [minMemory, setMinMemory] = useState(
    props.initial?.minMemoryGiB !== undefined
      ? String(props.initial.minMemoryGiB)
      : '80',
  );
  const [vendor, setVendor] = useState<string>(props.initial?.vendor ?? '');
  const [product, setProduct] = useState(props.initial?.product ?? '');
  const [state, ask] = useAsyncFn(
    (request: CapacityRequest) => api.fitCapacity(request),
    [api],
  );
  const countNumber = Number(count);
  const countValid = Number.isInteger(countNumber) && countNumber >= 1;
  const memoryNumber = minMemory.trim() === '' ? undefined : Number(minMemory);
  const memoryValid =
    memoryNumber === undefined ||
    (Number.isFinite(memoryNumber) && memoryNumber > 0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!countValid || !memoryValid) return;
    const request: CapacityRequest = { count: countNumber };
    if (memoryNumber !== undefined) request.minMemoryGiB = memoryNumber;
    if (vendor) request.vendor = vendor as GpuVendor;
    if (product.trim()) request.product = product.trim();
    if (props.clusters) request.clusters = props.clusters;
    ask(request);
  };

  return (
    <div>
      <form onSubmit={submit} aria-label="Capacity fit">
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          alignItems={{ md: 'flex-start' }}
        >
          <TextField
            size="small"
            type="number"
            label="GPUs on one node"
            value={count}
            onChange={e => setCount(e.target.value)}
            error={!countValid}
            helperText={countValid ? ' ' : 'A whole number, 1 or more'}
            slotProps={{
              htmlInput: { min: 1, step: 1 },
              inputLabel: { shrink: true },
            }}
            required
          />
          <TextField
            size="small"
            type="number"
            label="Min memory per GPU (GiB)"
            value={minMemory}
            onChange={e => setMinMemory(e.target.value)}
            error={!memoryValid}
            helperText={memoryValid ? ' ' : 'A positive number, or empty'}
            slotProps={{ htmlInput: { min: 0 }, inputLabel: { shrink: true } }}
          />
          <TextField
            select
            size="small"
            label="Vendor"
            value={vendor}
            onChange={e => setVendor(e.target.value)}
            helperText=" "
            slotProps={{
              select: { native: true },
              inputLabel: { shrink: true },
            }}
            sx={{ minWidth: 120 }}
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
            helperText=" "
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <Button type="submit" variant="contained" disabled={state.loading}>
            Find capacity
          </Button>
        </Stack>
      </form>
      {state.loading && <Progress />}
      {state.error && (
        <ResponseErrorPanel
          error={state.error}
          title="Could not check capacity"
        />
      )}
      {!state.loading && state.value && <CapacityFitResult fit={state.value} />}
    </div>
  );
}
