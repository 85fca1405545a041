import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConformanceService } from '../conformance/ConformanceService';
import { InventoryService } from '../inventory/InventoryService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { createExplainConformanceRequirementAction } from './createExplainConformanceRequirementAction';
import { createFindGpuCapacityAction } from './createFindGpuCapacityAction';
import { createGetAgentAction } from './createGetAgentAction';
import { createGetClusterAction } from './createGetClusterAction';
import { createGetConformanceScorecardAction } from './createGetConformanceScorecardAction';
import { createGetGpuInventoryAction } from './createGetGpuInventoryAction';
import { createGetModelAction } from './createGetModelAction';
import { createListAgentsAction } from './createListAgentsAction';
import { createListClustersAction } from './createListClustersAction';
import { createListModelsAction } from './createListModelsAction';
import { createRecommendModelPlacementAction } from './createRecommendModelPlacementAction';

export interface AiPlatformActionsDeps {
  actionsRegistry: ActionsRegistryService;
  snapshots: SnapshotService;
  inventory: InventoryService;
  conformance: ConformanceService;
  catalog: CatalogService;
  permissions: PermissionsService;
}

/**
 * The registry calls an action's schema builders on every list and invoke,
 * and mcp-actions lists every plugin's actions on every tool call; building
 * our zod schemas took 6 ms per list. Zod schemas are immutable, so each is
 * built once.
 */
export function withSchemasBuiltOnce(
  registry: ActionsRegistryService,
): ActionsRegistryService {
  const once = <A, T>(build: (arg: A) => T): ((arg: A) => T) => {
    let built: { value: T } | undefined;
    return arg => (built ??= { value: build(arg) }).value;
  };
  return {
    register(options) {
      const { input, output, secrets } = options.schema;
      registry.register({
        ...options,
        schema: {
          input: once(input),
          output: once(output),
          ...(secrets ? { secrets: once(secrets) } : {}),
        },
      });
    },
  };
}

/**
 * Registers the plugin's actions (all read-only) in the actions registry;
 * `@backstage/plugin-mcp-actions-backend` serves them as MCP tools named
 * `ai-platform.<name>`.
 */
export function registerAiPlatformActions(
  options: AiPlatformActionsDeps,
): void {
  const deps = {
    ...options,
    actionsRegistry: withSchemasBuiltOnce(options.actionsRegistry),
  };
  createListClustersAction(deps);
  createGetClusterAction(deps);
  createGetGpuInventoryAction(deps);
  createFindGpuCapacityAction(deps);
  createGetConformanceScorecardAction(deps);
  createExplainConformanceRequirementAction(deps);
  createListModelsAction(deps);
  createGetModelAction(deps);
  createListAgentsAction(deps);
  createGetAgentAction(deps);
  createRecommendModelPlacementAction(deps);
}
