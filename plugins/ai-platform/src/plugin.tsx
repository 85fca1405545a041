import {
  AiPlatformClient,
  AI_PLATFORM_API_VERSION,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { aiPlatformApiRef } from './api';
import { rootRouteRef, subPagePaths } from './routes';
import { GpuChipIcon } from './components/shared/GpuChipIcon';

const aiPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiPlatformClient({ discoveryApi, fetchApi }),
    }),
});

// The page has no content of its own: its sub-pages become the tabs.
const aiPlatformPage = PageBlueprint.make({
  params: {
    path: '/ai-platform',
    title: 'AI Platform',
    icon: <GpuChipIcon />,
    routeRef: rootRouteRef,
  },
});

const overviewPage = SubPageBlueprint.make({
  name: 'overview',
  params: {
    path: subPagePaths.overview,
    title: 'Overview',
    loader: () =>
      import('./components/overview/OverviewPage').then(m => (
        <m.OverviewPage />
      )),
  },
});

const inventoryPage = SubPageBlueprint.make({
  name: 'inventory',
  params: {
    path: subPagePaths.inventory,
    title: 'GPU inventory',
    loader: () =>
      import('./components/inventory/InventoryPage').then(m => (
        <m.InventoryPage />
      )),
  },
});

const conformancePage = SubPageBlueprint.make({
  name: 'conformance',
  params: {
    path: subPagePaths.conformance,
    title: 'Conformance',
    loader: () =>
      import('./components/conformance/ConformancePage').then(m => (
        <m.ConformancePage />
      )),
  },
});

const catalogPage = SubPageBlueprint.make({
  name: 'models-and-agents',
  params: {
    path: subPagePaths.catalog,
    title: 'Models and agents',
    loader: () =>
      import('./components/catalog/ModelsAndAgentsPage').then(m => (
        <m.ModelsAndAgentsPage />
      )),
  },
});

// Top-level tabs rather than a group menu: a cluster's entity page is where
// people look for its GPUs and conformance.
const kubernetesCluster = {
  kind: 'resource',
  'spec.type': 'kubernetes-cluster',
};

const clusterInventoryContent = EntityContentBlueprint.make({
  name: 'cluster-gpu-inventory',
  params: {
    path: '/gpu-inventory',
    title: 'GPU inventory',
    filter: kubernetesCluster,
    loader: () =>
      import('./components/entity/ClusterContents').then(m => (
        <m.ClusterInventoryContent />
      )),
  },
});

const clusterConformanceContent = EntityContentBlueprint.make({
  name: 'cluster-ai-conformance',
  params: {
    path: '/ai-conformance',
    title: 'AI conformance',
    filter: kubernetesCluster,
    loader: () =>
      import('./components/entity/ClusterContents').then(m => (
        <m.ClusterConformanceContent />
      )),
  },
});

const clusterSummaryCard = EntityCardBlueprint.make({
  name: 'cluster-summary',
  params: {
    type: 'info',
    filter: kubernetesCluster,
    loader: () =>
      import('./components/entity/ClusterSummaryCard').then(m => (
        <m.ClusterSummaryCard />
      )),
  },
});

const modelCard = EntityCardBlueprint.make({
  name: 'model',
  params: {
    type: 'content',
    filter: { kind: 'model', apiVersion: AI_PLATFORM_API_VERSION },
    loader: () =>
      import('./components/entity/ModelCard').then(m => <m.ModelCard />),
  },
});

const agentCard = EntityCardBlueprint.make({
  name: 'agent',
  params: {
    type: 'content',
    filter: { kind: 'agent', apiVersion: AI_PLATFORM_API_VERSION },
    loader: () =>
      import('./components/entity/AgentCard').then(m => <m.AgentCard />),
  },
});

const modelServerCard = EntityCardBlueprint.make({
  name: 'model-server',
  params: {
    type: 'info',
    filter: { kind: 'component', 'spec.type': 'model-server' },
    loader: () =>
      import('./components/entity/ModelServerCard').then(m => (
        <m.ModelServerCard />
      )),
  },
});

/**
 * The AI Platform frontend plugin.
 *
 * @public
 */
export const aiPlatformPlugin = createFrontendPlugin({
  pluginId: 'ai-platform',
  title: 'AI Platform',
  icon: <GpuChipIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    aiPlatformApi,
    aiPlatformPage,
    overviewPage,
    inventoryPage,
    conformancePage,
    catalogPage,
    clusterInventoryContent,
    clusterConformanceContent,
    clusterSummaryCard,
    modelCard,
    agentCard,
    modelServerCard,
  ],
  routes: { root: rootRouteRef },
});

/** Exposed for tests and for apps that install extensions one by one. */
export const aiPlatformExtensions = {
  aiPlatformApi,
  aiPlatformPage,
  overviewPage,
  inventoryPage,
  conformancePage,
  catalogPage,
  clusterInventoryContent,
  clusterConformanceContent,
  clusterSummaryCard,
  modelCard,
  agentCard,
  modelServerCard,
};
