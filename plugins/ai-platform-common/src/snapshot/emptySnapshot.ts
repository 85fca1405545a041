import { ClusterSnapshot, SnapshotClusterInfo } from './types';

/**
 * A snapshot with nothing in it yet: the starting point of a collection, and
 * of test fixtures that fill in only what they are about.
 *
 * @public
 */
export function emptySnapshot(
  cluster: SnapshotClusterInfo,
  collectedAt: string = new Date().toISOString(),
): ClusterSnapshot {
  return {
    schemaVersion: 1,
    cluster,
    collectedAt,
    durationMs: 0,
    parts: {},
    discovery: { groups: {}, resources: {} },
    crds: [],
    apiServices: [],
    namespaces: [],
    nodes: [],
    pods: {
      total: 0,
      byPhase: {},
      acceleratorPods: [],
      isolationFindings: [],
      inferencePods: [],
    },
    dra: { deviceClasses: [], resourceSlices: [], resourceClaims: [] },
    workloads: { deployments: [], daemonSets: [] },
    services: [],
    networking: {
      gatewayClasses: [],
      gateways: [],
      httpRoutes: [],
      inferencePools: [],
    },
    serving: {
      inferenceServices: [],
      llmInferenceServices: [],
      servingRuntimes: [],
    },
    agents: {
      kagentAgents: [],
      kagentModelConfigs: [],
      kagentRemoteMcpServers: [],
    },
    scheduling: {
      kueue: {
        clusterQueues: [],
        localQueues: [],
        resourceFlavors: [],
        workloads: { total: 0, admitted: 0 },
      },
      volcano: { queues: [], podGroups: [], jobs: 0 },
      runtimeClasses: [],
    },
    autoscaling: { karpenterNodePools: [], horizontalPodAutoscalers: [] },
    observability: { monitors: [], prometheuses: [] },
    security: { validatingWebhooks: [] },
    operatorResources: [],
  };
}
