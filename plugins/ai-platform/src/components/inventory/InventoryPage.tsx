import { useSearchParams } from 'react-router-dom';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Typography from '@mui/material/Typography';
import { Link } from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';
import { PageContent } from '../shared/PageContent';
import { Section } from '../shared/Section';
import { Loadable } from '../shared/Loadable';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { CapacityFitBox } from './CapacityFitBox';
import { ClusterInventoryPanel } from './ClusterInventoryPanel';
import { FilterBar } from './FilterBar';
import { FleetClustersTable } from './FleetClustersTable';
import { NodeTable } from './NodeTable';
import {
  readFilters,
  toInventoryQuery,
  writeFilters,
} from './inventoryFilters';

function FleetClusters(props: {
  queryKey: string;
  clusterHref: (c: string) => string;
}) {
  const api = useAiPlatformApi();
  const state = useAsync(
    () => api.getFleetInventory(JSON.parse(props.queryKey)),
    [api, props.queryKey],
  );
  return (
    <Section
      title="Clusters"
      subtitle="Choose a cluster to see its products, partitions and DRA devices."
    >
      <Loadable state={state} errorTitle="Could not load the GPU inventory">
        {fleet => (
          <FleetClustersTable fleet={fleet} clusterHref={props.clusterHref} />
        )}
      </Loadable>
    </Section>
  );
}

/**
 * Clusters, then nodes, then devices. Filters and the chosen cluster live in
 * the URL, so a view can be linked and the back button works.
 */
export function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const cluster = params.get('cluster') || undefined;
  const hrefWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    const q = next.toString();
    return q ? `?${q}` : '?';
  };

  return (
    <PageContent>
      <Section
        title="Where does it fit?"
        subtitle="Ask for N GPUs with at least M GiB each on one node; stale clusters are left out."
      >
        <CapacityFitBox clusters={cluster ? [cluster] : undefined} />
      </Section>
      <Section title="Filters">
        <FilterBar
          filters={filters}
          onApply={f => setParams(writeFilters(params, f))}
        />
      </Section>
      {cluster ? (
        <>
          <Breadcrumbs aria-label="Inventory level" sx={{ mb: 2 }}>
            <Link to={hrefWith({ cluster: undefined })}>All clusters</Link>
            <Typography color="text.primary" aria-current="page">
              {cluster}
            </Typography>
          </Breadcrumbs>
          <ClusterInventoryPanel cluster={cluster} />
        </>
      ) : (
        <FleetClusters
          queryKey={JSON.stringify(toInventoryQuery(filters))}
          clusterHref={c => hrefWith({ cluster: c })}
        />
      )}
      <Section
        title={cluster ? `GPU nodes in ${cluster}` : 'GPU nodes'}
        subtitle="Open a node to see its devices, MIG partitions and DRA devices."
      >
        <NodeTable
          query={toInventoryQuery(filters, cluster)}
          label={cluster ? `GPU nodes in ${cluster}` : 'GPU nodes'}
        />
      </Section>
    </PageContent>
  );
}
