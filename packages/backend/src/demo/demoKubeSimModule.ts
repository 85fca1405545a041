import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startKubeSim } from '@ai-platform/kube-sim';
import { resolveDemoClusters } from './resolveDemoClusters';

/**
 * Starts kube-sim with the demo clusters inside the backend process, so the
 * embedded demo needs nothing else running. Registered as a module of the
 * ai-platform plugin so the clusters are up before the first collection.
 * Does nothing unless `aiPlatform.demo.kubeSim.enabled` is true.
 */
export const demoKubeSimModule = createBackendModule({
  pluginId: 'ai-platform',
  moduleId: 'demo-kube-sim',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        if (!config.getOptionalBoolean('aiPlatform.demo.kubeSim.enabled')) {
          return;
        }
        const clusters = resolveDemoClusters(config);
        // One simulator per cluster: each keeps the port its config URL names.
        const sims = await Promise.all(
          clusters.map(c =>
            startKubeSim({
              host: '127.0.0.1',
              port: c.port,
              clusters: [{ name: c.name, dir: c.dir, token: c.token }],
            }),
          ),
        );
        logger.info(
          `Demo kube-sim serving ${sims
            .flatMap(s => s.clusters)
            .map(c => `${c.name} at ${c.url}`)
            .join(', ')}`,
        );
        lifecycle.addShutdownHook(async () => {
          await Promise.all(sims.map(s => s.stop()));
        });
      },
    });
  },
});
