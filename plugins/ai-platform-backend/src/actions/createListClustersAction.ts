import { aiPlatformClusterReadPermission } from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { SnapshotService } from '../snapshots/SnapshotService';
import { clusterSummarySchema } from './schemas';
import { plural, toClusterSummary } from './compact';

/** `list-clusters`: every known cluster and how fresh its data is. */
export function createListClustersAction(options: {
  actionsRegistry: ActionsRegistryService;
  snapshots: SnapshotService;
}) {
  const { actionsRegistry, snapshots } = options;
  actionsRegistry.register({
    name: 'list-clusters',
    title: 'List Kubernetes clusters',
    description: `Lists the Kubernetes clusters the AI Platform portal knows, with how fresh each one's data is: state (fresh, stale, pending, failed), when it was last collected successfully, its Kubernetes version, and why the last collection failed if it did.
All GPU inventory and conformance answers come from the last good collection of a cluster; check here whether that data is stale before relying on it.
Use the names returned here as the "cluster" argument of the other ai-platform tools.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformClusterReadPermission,
    schema: {
      input: z =>
        z.object({
          state: z
            .enum(['fresh', 'stale', 'pending', 'failed'])
            .optional()
            .describe(
              'Only clusters in this state: fresh (last collection succeeded), stale (last one failed; older data is served), pending (not collected yet), failed (never collected successfully). Omit for all clusters.',
            ),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          total: z.number().describe('Clusters returned'),
          clusters: z.array(clusterSummarySchema(z)),
        }),
    },
    action: async ({ input }) => {
      const all = (await snapshots.listClusters()).sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const clusters = input.state
        ? all.filter(c => c.state === input.state)
        : all;
      return {
        output: {
          summary: summarize(all.length, clusters, input.state),
          total: clusters.length,
          clusters: clusters.map(toClusterSummary),
        },
      };
    },
  });
}

function summarize(
  known: number,
  clusters: { name: string; state: string; lastError?: { reason: string } }[],
  state?: string,
): string {
  if (!clusters.length) {
    return state
      ? `No ${state} clusters (${plural(known, 'cluster')} known)`
      : 'No clusters are configured';
  }
  const byState = new Map<string, string[]>();
  for (const c of clusters) {
    byState.set(c.state, [...(byState.get(c.state) ?? []), c.name]);
  }
  const parts = ['fresh', 'stale', 'pending', 'failed']
    .filter(s => byState.has(s))
    .map(s => `${byState.get(s)!.length} ${s} (${byState.get(s)!.join(', ')})`);
  return `${plural(clusters.length, 'cluster')}: ${parts.join('; ')}`;
}
