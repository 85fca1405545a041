import { AiPlatformApi } from '@ai-platform/plugin-ai-platform-common';
import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkQueue } from '../placement/checkQueue';
import { initiatorToken } from './initiatorToken';

export const QUEUE_CHECK_ACTION_ID = 'ai-platform:queue:check';

/**
 * Checks a gang workload's queue on the cluster it was placed on (Kueue
 * LocalQueue or ClusterQueue, Volcano Queue), from the cluster's last
 * snapshot, and fails naming the queues that exist.
 */
export function createQueueCheckAction(options: {
  api: AiPlatformApi;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: QUEUE_CHECK_ACTION_ID,
    description:
      'Checks that a Kueue LocalQueue (or the ClusterQueue a new LocalQueue would use) or a Volcano Queue exists and admits work on a cluster, from its last snapshot; fails naming the queues that exist. Read-only; runs in dry runs.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Check the queue on the placed cluster',
        example: `steps:
  - id: queue
    name: Check the queue
    action: ai-platform:queue:check
    input:
      cluster: \${{ steps.place.output.cluster }}
      scheduler: kueue-jobset
      namespace: team-nlp
      queue: nlp-queue`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string().min(1).describe('Cluster name'),
        scheduler: z =>
          z
            .enum(['kueue-jobset', 'kueue-job', 'volcano'])
            .describe('Which scheduler admits the workload'),
        namespace: z => z.string().min(1).describe('Namespace of the workload'),
        queue: z =>
          z.string().min(1).describe('Kueue LocalQueue or Volcano Queue'),
        createLocalQueue: z =>
          z
            .boolean()
            .describe('Kueue: the template creates the LocalQueue')
            .optional(),
        clusterQueue: z =>
          z
            .string()
            .describe('Kueue: the ClusterQueue a created LocalQueue points at')
            .optional(),
      },
      output: {
        verified: z => z.boolean(),
        message: z => z.string(),
        clusterQueue: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const token = await initiatorToken(options.auth, ctx, 'ai-platform');
      const queues = await options.api.getClusterQueues(input.cluster, {
        token,
      });
      const result = checkQueue(queues, {
        ...input,
        clusterQueue: input.clusterQueue || undefined,
      });
      if (result.verified) ctx.logger.info(result.message);
      else ctx.logger.warn(result.message);
      ctx.output('verified', result.verified);
      ctx.output('message', result.message);
      if (result.clusterQueue) ctx.output('clusterQueue', result.clusterQueue);
    },
  });
}
