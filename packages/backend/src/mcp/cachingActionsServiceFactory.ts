import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { CachingActionsService } from './CachingActionsService';

/**
 * Replaces the default actions service with one that keeps each caller's
 * list of actions for a few seconds (`aiPlatform.mcp.actionListCacheSeconds`),
 * so an MCP tools/call costs one plugin request instead of four.
 */
export const cachingActionsServiceFactory = createServiceFactory({
  service: actionsServiceRef,
  deps: {
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
    auth: coreServices.auth,
    logger: coreServices.logger,
  },
  factory: deps => CachingActionsService.fromConfig(deps),
});

export default cachingActionsServiceFactory;
