import { useApi } from '@backstage/frontend-plugin-api';
import { aiPlatformApiRef } from '../../api';

export function useAiPlatformApi() {
  return useApi(aiPlatformApiRef);
}
