import { createRouteRef } from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** Tabs of the AI Platform page, relative to its root path. */
export const subPagePaths = {
  overview: 'overview',
  inventory: 'inventory',
  conformance: 'conformance',
  catalog: 'models-and-agents',
} as const;
