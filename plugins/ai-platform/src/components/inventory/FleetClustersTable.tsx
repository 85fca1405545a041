import { FleetInventory } from '@ai-platform/plugin-ai-platform-common';
import { Link } from '@backstage/core-components';
import { StaleBadge } from '../shared/badges';
import { formatAge, formatDateTime } from '../shared/format';
import { SimpleTable } from '../shared/SimpleTable';

/** The first level of the drill-down: one row per cluster. */
export function FleetClustersTable(props: {
  fleet: FleetInventory;
  clusterHref: (cluster: string) => string;
}) {
  return (
    <SimpleTable
      label="GPU inventory by cluster"
      rows={props.fleet.clusters}
      rowKey={c => c.cluster}
      emptyMessage="No cluster matches these filters."
      columns={[
        {
          title: 'Cluster',
          rowHeader: true,
          render: c => (
            <>
              <Link to={props.clusterHref(c.cluster)}>{c.cluster}</Link>{' '}
              {c.stale && (
                <StaleBadge title="The last collection failed; this is the last good snapshot" />
              )}
            </>
          ),
        },
        { title: 'GPU nodes', align: 'right', render: c => c.gpuNodes },
        { title: 'Physical', align: 'right', render: c => c.gpus.physical },
        {
          title: 'Allocatable',
          align: 'right',
          render: c => c.gpus.allocatable,
        },
        { title: 'Allocated', align: 'right', render: c => c.gpus.allocated },
        { title: 'Free', align: 'right', render: c => c.gpus.free },
        {
          title: 'Collected',
          render: c => (
            <span title={formatDateTime(c.collectedAt)}>
              {c.collectedAt ? formatAge(c.collectedAt) : 'never'}
            </span>
          ),
        },
      ]}
    />
  );
}
