import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { ClusterStateBadge, ReadinessBadge } from '../shared/badges';
import { Section } from '../shared/Section';
import { formatAge, formatDateTime, orDash } from '../shared/format';
import { isNotFound } from '../shared/errors';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { clusterNameOf } from '../catalog/entityHelpers';
import { describeProblem } from '../overview/ClusterHealthTable';
import { AsyncLike } from '../shared/Loadable';
import { ReactNode, useCallback } from 'react';
import { CollectNowButton } from '../shared/CollectNowButton';

function Row(props: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5 }}>
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ minWidth: 130 }}
        component="dt"
      >
        {props.label}
      </Typography>
      <Typography variant="body2" component="dd" sx={{ m: 0 }}>
        {props.children}
      </Typography>
    </Stack>
  );
}

function Part<T>(props: {
  state: AsyncLike<T>;
  children: (v: T) => ReactNode;
  unavailable: string;
}) {
  if (props.state.error) {
    return (
      <>
        {isNotFound(props.state.error)
          ? props.unavailable
          : `Unavailable: ${props.state.error.message}`}
      </>
    );
  }
  if (props.state.value === undefined) return <Skeleton width={120} />;
  return <>{props.children(props.state.value)}</>;
}

/** Useful entity-page path for a tab of this entity, whichever way routes resolve. */
function useEntityTabLink(tab: string): string {
  const { entity } = useEntity();
  const location = useLocation();
  const entityRoute = useRouteRef(entityRouteRef);
  const ref = {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  const base = entityRoute ? entityRoute(ref) : location.pathname;
  return `${base.replace(/\/$/, '')}/${tab}`;
}

/** Collection state, GPUs and conformance of a cluster, on its entity overview. */
export function ClusterSummaryCard() {
  const { entity } = useEntity();
  const cluster = clusterNameOf(entity);
  const api = useAiPlatformApi();
  const status = useAsyncRetry(() => api.getCluster(cluster), [api, cluster]);
  const inventory = useAsyncRetry(
    () => api.getClusterInventory(cluster),
    [api, cluster],
  );
  const scorecard = useAsyncRetry(
    () => api.getScorecard(cluster),
    [api, cluster],
  );
  const { retry: reloadStatus } = status;
  const { retry: reloadInventory } = inventory;
  const { retry: reloadScorecard } = scorecard;
  const reload = useCallback(() => {
    reloadStatus();
    reloadInventory();
    reloadScorecard();
  }, [reloadStatus, reloadInventory, reloadScorecard]);
  const inventoryTab = useEntityTabLink('gpu-inventory');
  const conformanceTab = useEntityTabLink('ai-conformance');

  let body: ReactNode;
  if (status.error && isNotFound(status.error)) {
    body = (
      <Typography variant="body2">
        The AI Platform does not collect a cluster named <code>{cluster}</code>.
        Add it to <code>kubernetes.clusterLocatorMethods</code>, or set the{' '}
        <code>ai-platform.dev/cluster-name</code> annotation of{' '}
        {stringifyEntityRef(entity)} to the name it is collected under.
      </Typography>
    );
  } else if (status.error) {
    body = (
      <ResponseErrorPanel
        error={status.error}
        title={`Could not load ${cluster}`}
      />
    );
  } else {
    body = (
      <Stack component="dl" sx={{ m: 0 }}>
        <Row label="Collection">
          <Part state={status} unavailable="—">
            {s => (
              <Stack spacing={0.5}>
                <span>
                  <ClusterStateBadge state={s.state} />{' '}
                  <span title={formatDateTime(s.lastSuccessAt)}>
                    last seen{' '}
                    {s.lastSuccessAt ? formatAge(s.lastSuccessAt) : 'never'}
                  </span>
                </span>
                {describeProblem(s) && <span>{describeProblem(s)}</span>}
              </Stack>
            )}
          </Part>
        </Row>
        <Row label="Kubernetes">
          <Part state={status} unavailable="—">
            {s => orDash(s.kubernetesVersion?.gitVersion)}
          </Part>
        </Row>
        <Row label="GPUs">
          <Part state={inventory} unavailable="Not collected yet">
            {inv =>
              `${inv.gpus.physical} physical, ${inv.gpus.allocated} allocated, ${inv.gpus.free} free (${inv.gpuNodes} GPU nodes)`
            }
          </Part>
        </Row>
        <Row label="AI conformance">
          <Part state={scorecard} unavailable="No scorecard yet">
            {s => (
              <span>
                MUSTs passed {s.summary.must.pass} of {s.summary.must.total}{' '}
                <ReadinessBadge
                  readiness={s.summary.readiness}
                  title={s.summary.readinessReason}
                />
                <Typography
                  variant="caption"
                  color="text.secondary"
                  component="span"
                >
                  {' '}
                  checklist {s.checklistVersion}
                </Typography>
              </span>
            )}
          </Part>
        </Row>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          flexWrap="wrap"
          alignItems="center"
          sx={{ pt: 1 }}
        >
          <Link to={inventoryTab}>GPU inventory</Link>
          <Link to={conformanceTab}>AI conformance</Link>
          <CollectNowButton cluster={cluster} onCollected={reload} />
        </Stack>
      </Stack>
    );
  }

  return (
    <AiPlatformThemeProvider>
      <Section title="AI Platform">{body}</Section>
    </AiPlatformThemeProvider>
  );
}
