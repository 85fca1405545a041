import { aiPlatformApiServiceRef } from '@ai-platform/plugin-ai-platform-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { AiPlatformEntitiesProcessor } from './processor/AiPlatformEntitiesProcessor';
import { AiPlatformDiscoveryProvider } from './provider/AiPlatformDiscoveryProvider';
import { readProviderConfig } from './provider/readProviderConfig';

/**
 * Catalog module: the Model and Agent kinds and discovery of AI workloads.
 *
 * @public
 */
export const catalogModuleAiPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-platform',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        aiPlatform: aiPlatformApiServiceRef,
      },
      async init({
        processing,
        config,
        logger,
        scheduler,
        auth,
        catalog,
        aiPlatform,
      }) {
        const providerConfig = readProviderConfig(config);

        processing.addProcessor(
          new AiPlatformEntitiesProcessor({
            logger,
            lookupEntities: async refs => {
              const { items } = await catalog.getEntitiesByRefs(
                { entityRefs: refs, fields: ['kind', 'metadata', 'spec.type'] },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return items.map(item => item ?? undefined);
            },
          }),
        );

        processing.addEntityProvider(
          new AiPlatformDiscoveryProvider({
            api: aiPlatform,
            auth,
            catalog,
            logger,
            defaultOwner: providerConfig.defaultOwner,
            defaultSystem: providerConfig.defaultSystem,
            taskRunner: scheduler.createScheduledTaskRunner(
              providerConfig.schedule,
            ),
          }),
        );
      },
    });
  },
});
