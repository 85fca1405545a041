import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createMcpRequestGuard } from './mcpRequestGuard';

/**
 * The default root HTTP router with the MCP request guard in front: the
 * guard runs first, then the default middleware in its usual order.
 */
export const guardedRootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, config, logger, applyDefaults }) {
    app.use(createMcpRequestGuard({ config, logger }));
    applyDefaults();
  },
});

export default guardedRootHttpRouter;
