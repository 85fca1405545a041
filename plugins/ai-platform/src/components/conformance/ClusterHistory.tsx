import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { VerdictChangeTable } from './VerdictChangeTable';

/** A cluster's verdict changes, newest first. */
export function ClusterHistory(props: { cluster: string; limit?: number }) {
  const api = useAiPlatformApi();
  const limit = props.limit ?? 100;
  const state = useAsync(
    () => api.getConformanceHistory(props.cluster, { limit }),
    [api, props.cluster, limit],
  );
  return (
    <Loadable
      state={state}
      errorTitle={`Could not load the history of ${props.cluster}`}
    >
      {v => (
        <VerdictChangeTable
          label={`Verdict history of ${props.cluster}`}
          changes={[...v.items].sort((a, b) => b.at.localeCompare(a.at))}
          emptyMessage="No verdict has changed since the first evaluation."
        />
      )}
    </Loadable>
  );
}
