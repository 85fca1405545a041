import { createContext, ReactNode, useContext, useMemo } from 'react';
import {
  AiPlatformApi,
  ChecklistVersion,
  Scorecard,
} from '@ai-platform/plugin-ai-platform-common';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';

type Load = (cluster: string, version?: ChecklistVersion) => Promise<Scorecard>;

const ScorecardCacheContext = createContext<Load | undefined>(undefined);

function createLoader(api: AiPlatformApi): Load {
  const cache = new Map<string, Promise<Scorecard>>();
  return (cluster, version) => {
    const key = `${cluster}@${version ?? ''}`;
    let promise = cache.get(key);
    if (!promise) {
      promise = api.getScorecard(cluster, { checklistVersion: version });
      // A failed load is retried next time rather than cached.
      promise.catch(() => cache.delete(key));
      cache.set(key, promise);
    }
    return promise;
  };
}

/** Shares scorecards between the requirement dialogs of one page visit. */
export function ScorecardCacheProvider(props: { children: ReactNode }) {
  const api = useAiPlatformApi();
  const load = useMemo(() => createLoader(api), [api]);
  return (
    <ScorecardCacheContext.Provider value={load}>
      {props.children}
    </ScorecardCacheContext.Provider>
  );
}

export function useScorecardLoader(): Load {
  const api = useAiPlatformApi();
  const cached = useContext(ScorecardCacheContext);
  return useMemo(
    () => cached ?? ((c, v) => api.getScorecard(c, { checklistVersion: v })),
    [cached, api],
  );
}
