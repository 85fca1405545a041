import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PlatformTeamsPermissionPolicy } from './PlatformTeamsPermissionPolicy';
import { readPermissionPolicyConfig } from './policyConfig';

/**
 * The permission policy, chosen by `aiPlatform.permissionPolicy.type`:
 * `allow-all` (the default, for the embedded demo) or `platform-teams`
 * (PlatformTeamsPermissionPolicy: everyone reads, platform engineers
 * refresh).
 */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const settings = readPermissionPolicyConfig(config);
        if (settings.type === 'allow-all') {
          logger.info('Permission policy: allow-all');
          policy.setPolicy({
            async handle() {
              return { result: AuthorizeResult.ALLOW };
            },
          });
          return;
        }
        logger.info(
          `Permission policy: platform-teams (refresh: ${settings.refreshGroups.join(
            ', ',
          )}; read: ${
            settings.readGroups.length
              ? [...settings.readGroups, ...settings.refreshGroups].join(', ')
              : 'every signed-in user'
          })`,
        );
        policy.setPolicy(
          new PlatformTeamsPermissionPolicy({
            refreshGroups: settings.refreshGroups,
            readGroups: settings.readGroups,
            userInfo,
            logger,
          }),
        );
      },
    });
  },
});

export default permissionPolicyModule;
