import { parseQuantity } from './quantity';

/** @public */
export interface PodContainerRequests {
  requests?: Record<string, string | number>;
}

/** @public */
export interface PodInitContainerRequests extends PodContainerRequests {
  /** `Always` marks a sidecar (restartable init container) that keeps running. */
  restartPolicy?: string;
}

/**
 * What the scheduler reserves for a pod, per resource: the larger of the
 * app containers' sum (plus sidecars) and the biggest init step (an init
 * container plus the sidecars started before it), plus pod overhead. Only
 * resources accepted by `include` are kept (accelerators, usually).
 *
 * @public
 */
export function effectivePodRequests(
  pod: {
    containers: PodContainerRequests[];
    initContainers?: PodInitContainerRequests[];
    overhead?: Record<string, string | number>;
  },
  include: (resourceName: string) => boolean = () => true,
): Record<string, number> {
  const names = new Set<string>();
  const collect = (requests?: Record<string, string | number>) => {
    for (const name of Object.keys(requests ?? {})) {
      if (include(name)) names.add(name);
    }
  };
  pod.containers.forEach(c => collect(c.requests));
  pod.initContainers?.forEach(c => collect(c.requests));
  collect(pod.overhead);

  const amount = (
    requests: Record<string, string | number> | undefined,
    name: string,
  ) => parseQuantity(requests?.[name]) ?? 0;

  const result: Record<string, number> = {};
  for (const name of names) {
    let sidecars = 0;
    let initPeak = 0;
    for (const init of pod.initContainers ?? []) {
      const value = amount(init.requests, name);
      if (init.restartPolicy === 'Always') {
        sidecars += value;
        initPeak = Math.max(initPeak, sidecars);
      } else {
        initPeak = Math.max(initPeak, sidecars + value);
      }
    }
    const running =
      pod.containers.reduce((sum, c) => sum + amount(c.requests, name), 0) +
      sidecars;
    const total = Math.max(running, initPeak) + amount(pod.overhead, name);
    if (total > 0) result[name] = total;
  }
  return result;
}
