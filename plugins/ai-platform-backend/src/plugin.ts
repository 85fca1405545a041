import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  aiPlatformClusterSourcesExtensionPoint,
  aiPlatformCollectorsExtensionPoint,
  aiPlatformConformanceExtensionPoint,
  ClusterSource,
  ConformanceCheck,
  SnapshotCollector,
} from '@ai-platform/plugin-ai-platform-node';
import {
  aiPlatformPermissions,
  ChecklistRequirement,
} from '@ai-platform/plugin-ai-platform-common';
import { createConformanceService } from './conformance/createConformanceService';
import { createWorkloadDiscoveryService } from './discovery/createWorkloadDiscoveryService';
import { createInventoryService } from './inventory/createInventoryService';
import { createSnapshotPipeline } from './scheduling/createSnapshotPipeline';
import { registerAiPlatformActions } from './actions/registerAiPlatformActions';
import { createRouter } from './service/router';

/**
 * The AI Platform backend plugin.
 *
 * @public
 */
export const aiPlatformPlugin = createBackendPlugin({
  pluginId: 'ai-platform',
  register(env) {
    const clusterSources: ClusterSource[] = [];
    const collectors: SnapshotCollector[] = [];
    const extraChecks: ConformanceCheck[] = [];
    const extraRequirements: {
      requirement: ChecklistRequirement;
      check: ConformanceCheck;
    }[] = [];

    env.registerExtensionPoint(aiPlatformClusterSourcesExtensionPoint, {
      addClusterSource: source => clusterSources.push(source),
    });
    env.registerExtensionPoint(aiPlatformCollectorsExtensionPoint, {
      addCollector: collector => collectors.push(collector),
    });
    env.registerExtensionPoint(aiPlatformConformanceExtensionPoint, {
      addCheck: check => extraChecks.push(check),
      addRequirement: (requirement, check) =>
        extraRequirements.push({ requirement, check }),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const {
          config,
          logger,
          database,
          scheduler,
          httpAuth,
          httpRouter,
          permissions,
        } = deps;
        const pipeline = await createSnapshotPipeline({
          ...deps,
          clusterSources,
          collectors,
        });
        const snapshots = pipeline.snapshots;
        const inventory = createInventoryService({ snapshots });
        const conformance = await createConformanceService({
          snapshots,
          database,
          logger,
          extraChecks,
          extraRequirements,
          config,
          scheduler,
        });
        const workloads = createWorkloadDiscoveryService({ snapshots });

        deps.permissionsRegistry.addPermissions(aiPlatformPermissions);
        registerAiPlatformActions({
          actionsRegistry: deps.actionsRegistry,
          snapshots,
          inventory,
          conformance,
          catalog: deps.catalog,
          permissions,
        });
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            snapshots,
            inventory,
            conformance,
            workloads,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        await pipeline.start();
      },
    });
  },
});
