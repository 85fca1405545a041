import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef, subPagePaths } from '../../routes';

/** Links to the AI Platform tabs, with optional query parameters. */
export function useAiPlatformLinks() {
  const root = useRouteRef(rootRouteRef);
  const base = root?.() ?? '/ai-platform';
  const make =
    (path: string) =>
    (params?: Record<string, string | undefined>): string => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(params ?? {})) {
        if (v !== undefined && v !== '') search.set(k, v);
      }
      const q = search.toString();
      return `${base.replace(/\/$/, '')}/${path}${q ? `?${q}` : ''}`;
    };
  return {
    overview: make(subPagePaths.overview),
    inventory: make(subPagePaths.inventory),
    conformance: make(subPagePaths.conformance),
    catalog: make(subPagePaths.catalog),
  };
}
