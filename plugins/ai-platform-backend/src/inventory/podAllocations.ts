import { AcceleratorPodSummary } from '@ai-platform/plugin-ai-platform-common';

/** Phases in which a pod no longer holds its devices. */
const TERMINATED_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * Extended-resource requests held on each node: pods bound to a node and
 * not terminated. The collector already reduced each pod to its effective
 * requests (containers' sum vs. the largest init step). DRA claims are not
 * counted here; allocated ResourceClaims are (each device once).
 */
export function acceleratorRequestsByNode(
  pods: AcceleratorPodSummary[],
): Map<string, Record<string, number>> {
  const byNode = new Map<string, Record<string, number>>();
  for (const pod of pods) {
    if (!pod.nodeName || TERMINATED_PHASES.has(pod.phase)) continue;
    let requests = byNode.get(pod.nodeName);
    if (!requests) {
      requests = {};
      byNode.set(pod.nodeName, requests);
    }
    for (const [resource, amount] of Object.entries(pod.requests)) {
      if (!Number.isFinite(amount) || amount <= 0) continue;
      requests[resource] = (requests[resource] ?? 0) + amount;
    }
  }
  return byNode;
}
