import {
  ClusterQueues,
  joinNames,
} from '@ai-platform/plugin-ai-platform-common';
import { InputError } from '@backstage/errors';

/** The schedulers the gang template submits to. */
export type GangScheduler = 'kueue-jobset' | 'kueue-job' | 'volcano';

export interface QueueChoice {
  scheduler: GangScheduler;
  namespace: string;
  queue: string;
  /** Kueue: the template creates the LocalQueue, pointing at `clusterQueue`. */
  createLocalQueue?: boolean;
  clusterQueue?: string;
}

export interface QueueCheck {
  /** What was checked, or why it could not be. */
  message: string;
  /** False when the cluster's queues could not be read: not checked, not refused. */
  verified: boolean;
  /** The Kueue ClusterQueue the workload is admitted through. */
  clusterQueue?: string;
}

function list(names: string[]): string {
  return names.length ? joinNames(names, 10) : 'none';
}

/**
 * Checks that a gang workload's queue exists on the cluster it was placed
 * on, so it is not submitted to a queue nothing admits from (it would wait
 * forever). Throws an InputError naming the queue and the ones that exist.
 * When the cluster's queues could not be read, it does not refuse: it says
 * the queue was not verified.
 */
export function checkQueue(
  queues: ClusterQueues,
  choice: QueueChoice,
): QueueCheck {
  const { cluster } = queues;
  const staleNote = queues.stale
    ? ` (from the last good snapshot of ${queues.collectedAt}; the cluster's latest collection failed)`
    : '';

  if (choice.scheduler === 'volcano') {
    const volcano = queues.volcano;
    if (volcano.status === 'unreadable') {
      return {
        verified: false,
        message: `Volcano queues of ${cluster} could not be read; queue "${choice.queue}" not verified`,
      };
    }
    if (volcano.status === 'not-installed') {
      throw new InputError(
        `Volcano is not installed on ${cluster} (scheduling.volcano.sh is not served); choose a Kueue scheduler or another cluster`,
      );
    }
    const queue = volcano.queues.find(q => q.name === choice.queue);
    if (!queue) {
      throw new InputError(
        `Volcano queue "${
          choice.queue
        }" does not exist on ${cluster}; its queues: ${list(
          volcano.queues.map(q => q.name),
        )}${staleNote}`,
      );
    }
    if (queue.state && queue.state !== 'Open') {
      throw new InputError(
        `Volcano queue "${choice.queue}" on ${cluster} is ${queue.state}, so it takes no new jobs`,
      );
    }
    return {
      verified: true,
      message: `Volcano queue "${choice.queue}" is open on ${cluster}${staleNote}`,
    };
  }

  const kueue = queues.kueue;
  if (kueue.status === 'unreadable') {
    return {
      verified: false,
      message: `Kueue queues of ${cluster} could not be read; queue "${choice.namespace}/${choice.queue}" not verified`,
    };
  }
  if (kueue.status === 'not-installed') {
    throw new InputError(
      `Kueue is not installed on ${cluster} (kueue.x-k8s.io is not served); choose Volcano or another cluster`,
    );
  }
  const clusterQueueNames = kueue.clusterQueues.map(q => q.name);
  const inactive = (name: string) =>
    kueue.clusterQueues.find(q => q.name === name)?.active === false;

  if (choice.createLocalQueue) {
    const target = choice.clusterQueue ?? '';
    if (!clusterQueueNames.includes(target)) {
      throw new InputError(
        `ClusterQueue "${target}" does not exist on ${cluster}; its ClusterQueues: ${list(
          clusterQueueNames,
        )}${staleNote}`,
      );
    }
    if (inactive(target)) {
      throw new InputError(
        `ClusterQueue "${target}" on ${cluster} is not active, so it admits nothing`,
      );
    }
    const existing = kueue.localQueues.find(
      q => q.namespace === choice.namespace && q.name === choice.queue,
    );
    if (existing && existing.clusterQueue !== target) {
      throw new InputError(
        `LocalQueue "${choice.namespace}/${choice.queue}" already exists on ${cluster} and points at ClusterQueue "${existing.clusterQueue}", not "${target}"`,
      );
    }
    return {
      verified: true,
      clusterQueue: target,
      message: `LocalQueue "${choice.namespace}/${choice.queue}" ${
        existing ? 'already exists' : 'will be created'
      } on ${cluster}, admitted through ClusterQueue "${target}"${staleNote}`,
    };
  }

  const local = kueue.localQueues.find(
    q => q.namespace === choice.namespace && q.name === choice.queue,
  );
  if (!local) {
    const inNamespace = kueue.localQueues
      .filter(q => q.namespace === choice.namespace)
      .map(q => q.name);
    throw new InputError(
      `LocalQueue "${choice.queue}" does not exist in namespace ${
        choice.namespace
      } on ${cluster}; LocalQueues there: ${list(
        inNamespace,
      )}; elsewhere: ${list(
        kueue.localQueues
          .filter(q => q.namespace !== choice.namespace)
          .map(q => `${q.namespace}/${q.name}`),
      )}. Pick one, or ask the template to create the LocalQueue${staleNote}`,
    );
  }
  if (inactive(local.clusterQueue)) {
    throw new InputError(
      `LocalQueue "${choice.namespace}/${choice.queue}" on ${cluster} admits through ClusterQueue "${local.clusterQueue}", which is not active`,
    );
  }
  return {
    verified: true,
    clusterQueue: local.clusterQueue,
    message: `LocalQueue "${choice.namespace}/${choice.queue}" exists on ${cluster}, admitted through ClusterQueue "${local.clusterQueue}"${staleNote}`,
  };
}
