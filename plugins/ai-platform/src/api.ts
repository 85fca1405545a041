import { AiPlatformApi } from '@ai-platform/plugin-ai-platform-common';
import { createApiRef } from '@backstage/frontend-plugin-api';

/**
 * The AI Platform backend as seen from the browser.
 *
 * @public
 */
export const aiPlatformApiRef = createApiRef<AiPlatformApi>().with({
  id: 'plugin.ai-platform.api',
  pluginId: 'ai-platform',
});
