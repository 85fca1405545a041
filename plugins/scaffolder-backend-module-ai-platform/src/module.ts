import { aiPlatformApiServiceRef } from '@ai-platform/plugin-ai-platform-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGpuPlaceAction } from './actions/createGpuPlaceAction';
import { createManifestsValidateAction } from './actions/createManifestsValidateAction';
import { createMcpResolveAction } from './actions/createMcpResolveAction';
import { createModelResolveAction } from './actions/createModelResolveAction';
import { createPublishLocalAction } from './actions/createPublishLocalAction';
import { createQueueCheckAction } from './actions/createQueueCheckAction';
import { readModuleConfig } from './readModuleConfig';

/**
 * Scaffolder module: the golden-path actions. Places GPU workloads from
 * live inventory, checks their queues, resolves catalog Models and MCP servers, validates the
 * generated manifests and publishes to local git repositories.
 *
 * @public
 */
export const scaffolderModuleAiPlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ai-platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        aiPlatform: aiPlatformApiServiceRef,
      },
      async init({ scaffolder, config, auth, discovery, aiPlatform }) {
        const settings = readModuleConfig(config);
        const catalog = new CatalogClient({ discoveryApi: discovery });
        scaffolder.addActions(
          createGpuPlaceAction({ api: aiPlatform, auth }),
          createQueueCheckAction({ api: aiPlatform, auth }),
          createModelResolveAction({ catalog, auth }),
          createMcpResolveAction({
            catalog,
            auth,
            portalMcpUrl: settings.portalMcpUrl,
          }),
          createManifestsValidateAction(),
          createPublishLocalAction({
            catalog,
            auth,
            publishDir: settings.localPublishDir,
            author: settings.author,
          }),
        );
      },
    });
  },
});
