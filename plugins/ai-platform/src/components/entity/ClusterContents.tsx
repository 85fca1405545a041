import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { Section } from '../shared/Section';
import { clusterNameOf } from '../catalog/entityHelpers';
import { ClusterInventoryPanel } from '../inventory/ClusterInventoryPanel';
import { CapacityFitBox } from '../inventory/CapacityFitBox';
import { NodeTable } from '../inventory/NodeTable';
import { ScorecardView } from '../conformance/ScorecardView';

/** "GPU inventory" tab of a kubernetes-cluster Resource. */
export function ClusterInventoryContent() {
  const { entity } = useEntity();
  const cluster = clusterNameOf(entity);
  return (
    <AiPlatformThemeProvider>
      <Box>
        <ClusterInventoryPanel cluster={cluster} title="GPU inventory" />
        <Section title="GPU nodes" subtitle="Open a node to see its devices.">
          <NodeTable
            query={{ clusters: [cluster] }}
            label={`GPU nodes in ${cluster}`}
          />
        </Section>
        <Section title="Where does it fit in this cluster?">
          <CapacityFitBox clusters={[cluster]} />
        </Section>
      </Box>
    </AiPlatformThemeProvider>
  );
}

/** "AI conformance" tab of a kubernetes-cluster Resource. */
export function ClusterConformanceContent() {
  const { entity } = useEntity();
  return (
    <AiPlatformThemeProvider>
      <ScorecardView cluster={clusterNameOf(entity)} />
    </AiPlatformThemeProvider>
  );
}
