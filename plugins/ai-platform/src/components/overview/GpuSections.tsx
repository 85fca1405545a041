import { FleetInventory } from '@ai-platform/plugin-ai-platform-common';
import { Link } from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { GpuBarChart } from '../shared/GpuBarChart';
import { SimpleTable } from '../shared/SimpleTable';
import { StaleBadge } from '../shared/badges';
import { formatAge, formatGiB, vendorLabel } from '../shared/format';
import { useAiPlatformLinks } from '../shared/links';
import Typography from '@mui/material/Typography';

export function GpusByProduct(props: { fleet: FleetInventory }) {
  const products = props.fleet.gpus.byProduct;
  if (products.length === 0) {
    return (
      <Typography color="text.secondary">
        No GPUs found in the collected clusters.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, xl: 5 }}>
        <GpuBarChart
          title="GPUs by product"
          bars={products.map(p => ({
            label: p.product,
            physical: p.physical,
            allocated: p.allocated,
            free: p.free,
          }))}
        />
      </Grid>
      <Grid size={{ xs: 12, xl: 7 }}>
        <SimpleTable
          label="GPUs by product"
          rows={products}
          rowKey={p => `${p.vendor}/${p.product}`}
          columns={[
            { title: 'Product', rowHeader: true, render: p => p.product },
            { title: 'Vendor', render: p => vendorLabel(p.vendor) },
            {
              title: 'Memory',
              align: 'right',
              render: p => formatGiB(p.memoryMiB),
            },
            { title: 'Clusters', align: 'right', render: p => p.clusters },
            { title: 'Nodes', align: 'right', render: p => p.nodes },
            { title: 'Physical', align: 'right', render: p => p.physical },
            { title: 'Allocated', align: 'right', render: p => p.allocated },
            { title: 'Free', align: 'right', render: p => p.free },
          ]}
        />
      </Grid>
    </Grid>
  );
}

export function GpusByCluster(props: { fleet: FleetInventory }) {
  const links = useAiPlatformLinks();
  const clusters = [...props.fleet.clusters].sort(
    (a, b) =>
      b.gpus.physical - a.gpus.physical || a.cluster.localeCompare(b.cluster),
  );
  if (clusters.length === 0) {
    return (
      <Typography color="text.secondary">
        No cluster has been collected yet.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, xl: 5 }}>
        <GpuBarChart
          title="GPUs by cluster"
          bars={clusters.map(c => ({
            label: c.cluster,
            physical: c.gpus.physical,
            allocated: c.gpus.allocated,
            free: c.gpus.free,
          }))}
        />
      </Grid>
      <Grid size={{ xs: 12, xl: 7 }}>
        <SimpleTable
          label="GPUs by cluster"
          rows={clusters}
          rowKey={c => c.cluster}
          pageSize={10}
          columns={[
            {
              title: 'Cluster',
              rowHeader: true,
              render: c => (
                <>
                  <Link to={links.inventory({ cluster: c.cluster })}>
                    {c.cluster}
                  </Link>{' '}
                  {c.stale && (
                    <StaleBadge
                      title={`Collected ${formatAge(c.collectedAt)}`}
                    />
                  )}
                </>
              ),
            },
            { title: 'GPU nodes', align: 'right', render: c => c.gpuNodes },
            { title: 'Physical', align: 'right', render: c => c.gpus.physical },
            {
              title: 'Allocated',
              align: 'right',
              render: c => c.gpus.allocated,
            },
            { title: 'Free', align: 'right', render: c => c.gpus.free },
          ]}
        />
      </Grid>
    </Grid>
  );
}
