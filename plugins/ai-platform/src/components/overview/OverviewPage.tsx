import { EmptyState } from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';
import { PageContent } from '../shared/PageContent';
import { Section } from '../shared/Section';
import { Loadable } from '../shared/Loadable';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { FleetTotals } from './FleetTotals';
import { ClusterHealthTable } from './ClusterHealthTable';
import { GpusByCluster, GpusByProduct } from './GpuSections';
import { ConformanceReadiness } from './ConformanceReadiness';
import { RecentVerdictChanges } from './RecentVerdictChanges';

/** The fleet at a glance. Each section loads and fails on its own. */
export function OverviewPage() {
  const api = useAiPlatformApi();
  const clusters = useAsync(() => api.listClusters(), [api]);
  const fleet = useAsync(() => api.getFleetInventory(), [api]);
  const matrix = useAsync(() => api.getConformanceMatrix(), [api]);

  if (clusters.value && clusters.value.items.length === 0) {
    return (
      <PageContent>
        <EmptyState
          missing="data"
          title="No clusters yet"
          description="Add clusters to the kubernetes.clusterLocatorMethods config, or register Resource entities of type kubernetes-cluster, and they appear here after their first collection."
        />
      </PageContent>
    );
  }

  return (
    <PageContent>
      <FleetTotals clusters={clusters.value?.items} fleet={fleet.value} />
      <Section
        title="Clusters"
        subtitle="Collection health: a stale cluster serves its last good snapshot."
      >
        <Loadable state={clusters} errorTitle="Could not load clusters">
          {v => <ClusterHealthTable clusters={v.items} />}
        </Loadable>
      </Section>
      <Section title="GPUs by product">
        <Loadable state={fleet} errorTitle="Could not load the GPU inventory">
          {v => <GpusByProduct fleet={v} />}
        </Loadable>
      </Section>
      <Section title="GPUs by cluster">
        <Loadable state={fleet} errorTitle="Could not load the GPU inventory">
          {v => <GpusByCluster fleet={v} />}
        </Loadable>
      </Section>
      <Section
        title="Conformance readiness"
        subtitle="Each cluster scored against the Kubernetes AI Conformance checklist of its own Kubernetes minor version, as its certification would be."
      >
        <Loadable state={matrix} errorTitle="Could not load conformance">
          {v => <ConformanceReadiness matrix={v} />}
        </Loadable>
      </Section>
      <Section
        title="Recent verdict changes"
        subtitle="Verdicts that changed between evaluations, newest first, across the fleet."
      >
        <Loadable state={clusters}>
          {v => <RecentVerdictChanges clusters={v.items.map(c => c.name)} />}
        </Loadable>
      </Section>
    </PageContent>
  );
}
