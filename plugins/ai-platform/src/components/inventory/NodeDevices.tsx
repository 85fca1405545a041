import { NodeInventory } from '@ai-platform/plugin-ai-platform-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  formatGiB,
  orDash,
  unitKindLabel,
  vendorLabel,
} from '../shared/format';
import { SimpleTable } from '../shared/SimpleTable';
import { UnitKindBadge } from './UnitKindBadge';

/** The third level of the drill-down: the devices of one node. */
export function NodeDevices(props: { node: NodeInventory }) {
  const { node } = props;
  const draDevices = [...node.draDevices].sort(
    (a, b) =>
      a.driver.localeCompare(b.driver) ||
      a.pool.localeCompare(b.pool) ||
      a.name.localeCompare(b.name),
  );
  return (
    <Stack spacing={2} sx={{ py: 1 }}>
      <Typography variant="body2">
        Driver {orDash(node.driverVersion)}, CUDA {orDash(node.cudaVersion)},
        instance type {orDash(node.instanceType)}, zone {orDash(node.zone)}.
        {node.taints.length > 0 &&
          ` Taints: ${node.taints
            .map(t => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
            .join(', ')}.`}
      </Typography>
      <SimpleTable
        label={`Schedulable units on ${node.name}`}
        rows={node.units}
        rowKey={u => u.resourceName}
        emptyMessage="No GPU units are advertised on this node."
        columns={[
          {
            title: 'Resource',
            rowHeader: true,
            render: u => <code>{u.resourceName}</code>,
          },
          {
            title: 'Kind',
            render: u => (
              <UnitKindBadge
                kind={u.kind}
                dra={u.dra}
                label={unitKindLabel(u)}
              />
            ),
          },
          {
            title: 'Product',
            render: u => `${vendorLabel(u.vendor)} ${u.product}`,
          },
          {
            title: 'Memory per unit',
            align: 'right',
            render: u => formatGiB(u.memoryMiB),
          },
          { title: 'Physical GPUs', align: 'right', render: u => u.physical },
          { title: 'Allocatable', align: 'right', render: u => u.allocatable },
          { title: 'Allocated', align: 'right', render: u => u.allocated },
          { title: 'Free', align: 'right', render: u => u.free },
        ]}
      />
      {draDevices.length > 0 && (
        <SimpleTable
          label={`DRA devices on ${node.name}`}
          rows={draDevices}
          rowKey={d => `${d.driver}/${d.pool}/${d.name}`}
          columns={[
            { title: 'Driver', render: d => d.driver },
            { title: 'Pool', render: d => d.pool },
            { title: 'Device', rowHeader: true, render: d => d.name },
            { title: 'Type', render: d => orDash(d.type) },
            {
              title: 'Memory',
              align: 'right',
              render: d => formatGiB(d.memoryMiB),
            },
            { title: 'Allocated', render: d => (d.allocated ? 'Yes' : 'No') },
          ]}
        />
      )}
    </Stack>
  );
}
