import { createBackend } from '@backstage/backend-defaults';
import { demoKubeSimModule } from './demo/demoKubeSimModule';

const backend = createBackend();
backend.add(import('./mcp/guardedRootHttpRouter')); // Host/Origin checks for /api/mcp-actions

backend.add(import('@backstage/plugin-app-backend'));

// Auth: guest sign-in for the demo; see app-config.production.yaml for real providers.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with the Model and Agent kinds and discovery of AI workloads.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@ai-platform/plugin-catalog-backend-module-ai-platform'));

// Scaffolder, with GPU-aware golden-path actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@ai-platform/plugin-scaffolder-backend-module-ai-platform'),
);

// Permissions. The policy comes from `aiPlatform.permissionPolicy.type`:
// allow-all (the demo default) or platform-teams (src/permissions/).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/permissionPolicyModule'));

// Search over the catalog.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// The upstream Kubernetes plugin reads the same `kubernetes` config block as we do.
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// MCP: serves the actions registry over Streamable HTTP at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// Keeps each caller's list of actions for a few seconds, so a tools/call
// does not ask every plugin for its actions again (bench/mcp).
backend.add(import('./mcp/cachingActionsServiceFactory'));

// AI Platform: cluster snapshots, GPU inventory, conformance, actions.
backend.add(import('@ai-platform/plugin-ai-platform-backend'));

// Embedded demo only: serves the simulated clusters when
// `aiPlatform.demo.kubeSim` is configured (app-config.yaml, never production).
backend.add(demoKubeSimModule);

backend.start();
