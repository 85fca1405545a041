import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  AiPlatformApi,
  AiPlatformClient,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * The AI Platform API for other backend plugins and modules (the catalog
 * entity provider, scaffolder actions). Calls the ai-platform backend over
 * HTTP, so it works across plugins and replicas; pass a token from
 * `auth.getPluginRequestToken` in each call's options.
 *
 * @public
 */
export const aiPlatformApiServiceRef = createServiceRef<AiPlatformApi>({
  id: 'ai-platform.api',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery },
      factory: ({ discovery }) =>
        new AiPlatformClient({ discoveryApi: discovery }),
    }),
});
