import { ClusterInventory } from '@ai-platform/plugin-ai-platform-common';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { Section } from '../shared/Section';
import { SimpleTable } from '../shared/SimpleTable';
import {
  formatAge,
  formatDateTime,
  formatGiB,
  unitKindLabel,
  vendorLabel,
} from '../shared/format';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { UnitKindBadge } from './UnitKindBadge';

type Inventory = Omit<ClusterInventory, 'nodeInventory'>;

function Totals(props: { inventory: Inventory }) {
  const { inventory: inv } = props;
  return (
    <Typography component="p" sx={{ mb: 1 }}>
      <strong>{inv.gpus.physical}</strong> physical GPUs on{' '}
      <strong>{inv.gpuNodes}</strong> GPU nodes (of {inv.nodes} nodes):{' '}
      <strong>{inv.gpus.allocatable}</strong> schedulable units,{' '}
      <strong>{inv.gpus.allocated}</strong> allocated,{' '}
      <strong>{inv.gpus.free}</strong> free.{' '}
      <Typography component="span" variant="body2" color="text.secondary">
        Collected{' '}
        <span title={formatDateTime(inv.collectedAt)}>
          {formatAge(inv.collectedAt)}
        </span>
        .
      </Typography>
    </Typography>
  );
}

/** The second level of the drill-down: one cluster's GPUs, partitions and DRA devices. */
export function ClusterInventoryView(props: { inventory: Inventory }) {
  const { inventory: inv } = props;
  const drivers = Object.entries(inv.dra.byDriver);
  return (
    <Stack spacing={2}>
      {inv.stale && (
        <Alert severity="warning">
          The last collection of {inv.cluster} failed. These numbers are from
          the last good snapshot, collected {formatAge(inv.collectedAt)}; the
          capacity may have changed since.
        </Alert>
      )}
      {inv.unreadableParts && inv.unreadableParts.length > 0 && (
        <Alert severity="warning">
          Could not read {inv.unreadableParts.join(', ')} in the last
          collection: counts that depend on them are incomplete.
        </Alert>
      )}
      <Totals inventory={inv} />
      <SimpleTable
        label={`GPU products in ${inv.cluster}`}
        rows={inv.gpus.byProduct}
        rowKey={p => `${p.vendor}/${p.product}`}
        emptyMessage="No GPUs in this cluster."
        columns={[
          { title: 'Product', rowHeader: true, render: p => p.product },
          { title: 'Vendor', render: p => vendorLabel(p.vendor) },
          {
            title: 'Memory',
            align: 'right',
            render: p => formatGiB(p.memoryMiB),
          },
          { title: 'Nodes', align: 'right', render: p => p.nodes },
          { title: 'Physical', align: 'right', render: p => p.physical },
          { title: 'Allocatable', align: 'right', render: p => p.allocatable },
          { title: 'Allocated', align: 'right', render: p => p.allocated },
          { title: 'Free', align: 'right', render: p => p.free },
        ]}
      />
      <div>
        <Typography variant="subtitle1" component="h3">
          MIG partitions and shared GPUs
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Units carved out of physical GPUs. They are counted as units, never as
          extra GPUs.
        </Typography>
        <SimpleTable
          label={`MIG partitions and shared GPUs in ${inv.cluster}`}
          rows={inv.partitions}
          rowKey={p => `${p.resourceName}/${p.product}`}
          emptyMessage="No MIG partitions or shared GPUs: every GPU is scheduled whole."
          columns={[
            {
              title: 'Resource',
              rowHeader: true,
              render: p => <code>{p.resourceName}</code>,
            },
            {
              title: 'Kind',
              render: p => (
                <UnitKindBadge
                  kind={p.kind}
                  label={unitKindLabel({ ...p, dra: false })}
                />
              ),
            },
            { title: 'Product', render: p => p.product },
            {
              title: 'Memory per unit',
              align: 'right',
              render: p => formatGiB(p.memoryMiB),
            },
            {
              title: 'Backing GPUs',
              align: 'right',
              render: p => p.physicalGpus,
            },
            { title: 'Units', align: 'right', render: p => p.allocatable },
            { title: 'Allocated', align: 'right', render: p => p.allocated },
            { title: 'Free', align: 'right', render: p => p.free },
          ]}
        />
      </div>
      <div>
        <Typography variant="subtitle1" component="h3">
          DRA devices
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Devices published in ResourceSlices, by driver and pool.
        </Typography>
        <SimpleTable
          label={`DRA devices in ${inv.cluster}`}
          rows={drivers}
          rowKey={([driver]) => driver}
          emptyMessage="No DRA devices: this cluster publishes no ResourceSlices."
          columns={[
            { title: 'Driver', rowHeader: true, render: ([driver]) => driver },
            { title: 'Pools', align: 'right', render: ([, d]) => d.pools },
            {
              title: 'Complete pools',
              align: 'right',
              render: ([, d]) => d.completePools,
            },
            {
              title: 'Incomplete pools',
              render: ([, d]) =>
                d.incompletePools.length
                  ? d.incompletePools.join(', ')
                  : 'None',
            },
            { title: 'Devices', align: 'right', render: ([, d]) => d.devices },
            {
              title: 'Allocated',
              align: 'right',
              render: ([, d]) => d.allocated,
            },
          ]}
        />
      </div>
    </Stack>
  );
}

export function ClusterInventoryPanel(props: {
  cluster: string;
  title?: string;
}) {
  const api = useAiPlatformApi();
  const state = useAsync(
    () => api.getClusterInventory(props.cluster),
    [api, props.cluster],
  );
  return (
    <Section title={props.title ?? `GPU inventory of ${props.cluster}`}>
      <Loadable
        state={state}
        errorTitle={`Could not load the inventory of ${props.cluster}`}
      >
        {inv => <ClusterInventoryView inventory={inv} />}
      </Loadable>
    </Section>
  );
}
