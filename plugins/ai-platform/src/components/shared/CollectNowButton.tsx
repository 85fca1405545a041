import {
  aiPlatformClusterRefreshPermission,
  ClusterStatus,
} from '@ai-platform/plugin-ai-platform-common';
import { toastApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Sync from '@mui/icons-material/Sync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useAiPlatformApi } from './useAiPlatformApi';

/** How often and how long the button waits for the asked collection. */
const POLL_MS = 1_000;
const WAIT_MS = 120_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Asks the backend to collect a cluster now and waits for that collection,
 * for users allowed to trigger collections (`ai-platform.cluster.refresh`);
 * others do not see it. Calls `onCollected` with the new status.
 */
export function CollectNowButton(props: {
  cluster: string;
  onCollected: (status: ClusterStatus) => void;
}) {
  const { cluster, onCollected } = props;
  const api = useAiPlatformApi();
  const toastApi = useApi(toastApiRef);
  const { allowed } = usePermission({
    permission: aiPlatformClusterRefreshPermission,
  });
  const [state, collect] = useAsyncFn(async () => {
    try {
      const before = await api.getCluster(cluster);
      await api.refreshCluster(cluster);
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        await sleep(POLL_MS);
        const now = await api.getCluster(cluster);
        if (now.lastAttemptAt && now.lastAttemptAt !== before.lastAttemptAt) {
          onCollected(now);
          toastApi.post({
            title:
              now.state === 'fresh'
                ? `Collected ${cluster}`
                : `Collecting ${cluster} failed`,
            description: now.lastError?.message,
            status: now.state === 'fresh' ? 'success' : 'danger',
          });
          return;
        }
      }
      toastApi.post({
        title: `${cluster} was not collected within ${WAIT_MS / 1000} s`,
        description: 'The collection may still be queued; look again later.',
        status: 'warning',
      });
    } catch (e) {
      toastApi.post({
        title: `Could not collect ${cluster}`,
        description: (e as Error).message,
        status: 'danger',
      });
    }
  }, [api, toastApi, cluster, onCollected]);

  if (!allowed) return null;
  return (
    <Button
      size="small"
      variant="outlined"
      onClick={collect}
      disabled={state.loading}
      startIcon={
        state.loading ? (
          <CircularProgress size={14} />
        ) : (
          <Sync fontSize="small" />
        )
      }
      aria-label={`Collect ${cluster} now`}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {state.loading ? 'Collecting…' : 'Collect now'}
    </Button>
  );
}
