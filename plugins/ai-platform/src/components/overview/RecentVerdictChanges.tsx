import { VerdictChange } from '@ai-platform/plugin-ai-platform-common';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { mapWithConcurrency } from '../shared/mapWithConcurrency';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { VerdictChangeTable } from '../conformance/VerdictChangeTable';

/**
 * The latest verdict changes across the fleet, read from each cluster's
 * history a few clusters at a time.
 */
export function RecentVerdictChanges(props: {
  clusters: string[];
  limit?: number;
}) {
  const api = useAiPlatformApi();
  const limit = props.limit ?? 15;
  const key = props.clusters.join(',');
  const state = useAsync(async () => {
    const results = await mapWithConcurrency(props.clusters, 6, cluster =>
      api.getConformanceHistory(cluster, { limit }),
    );
    const changes: VerdictChange[] = [];
    const failed: string[] = [];
    results.forEach((r, i) => {
      // A first evaluation is not a change; the scorecards show those verdicts.
      if (r.status === 'fulfilled') {
        changes.push(...r.value.items.filter(c => c.from !== undefined));
      } else failed.push(props.clusters[i]);
    });
    if (failed.length === props.clusters.length && results.length > 0) {
      throw (results[0] as PromiseRejectedResult).reason;
    }
    changes.sort((a, b) => b.at.localeCompare(a.at));
    return { changes: changes.slice(0, limit), failed };
  }, [api, key, limit]);

  return (
    <Loadable state={state}>
      {({ changes, failed }) => (
        <>
          {failed.length > 0 && (
            <Typography variant="body2" color="warning.main" role="status">
              History could not be read for {failed.join(', ')}.
            </Typography>
          )}
          <VerdictChangeTable
            changes={changes}
            showCluster
            label="Recent verdict changes"
            emptyMessage="No verdict has changed since the first evaluations."
          />
        </>
      )}
    </Loadable>
  );
}
