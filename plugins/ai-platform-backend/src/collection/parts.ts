import {
  ClusterSnapshot,
  isAcceleratorResourceName,
  parseQuantity,
  SnapshotPartName,
} from '@ai-platform/plugin-ai-platform-common';
import { KubeApiClient } from './KubeApiClient';
import {
  normalizeApiService,
  normalizeCrd,
  normalizeNamespace,
  normalizeNode,
  normalizeService,
} from './normalize/core';
import {
  normalizeDeviceClass,
  normalizeResourceClaim,
  normalizeResourceSlice,
} from './normalize/dra';
import { normalizeWorkload } from './normalize/workloads';
import {
  normalizeGateway,
  normalizeGatewayClass,
  normalizeHttpRoute,
  normalizeInferencePool,
} from './normalize/networking';
import {
  normalizeInferenceService,
  normalizeLlmInferenceService,
  normalizeServingRuntime,
} from './normalize/serving';
import {
  normalizeKagentAgent,
  normalizeKagentModelConfig,
  normalizeKagentRemoteMcpServer,
} from './normalize/agents';
import {
  isWorkloadAdmitted,
  normalizeClusterQueue,
  normalizeLocalQueue,
  normalizeResourceFlavor,
  normalizeRuntimeClass,
  normalizeVolcanoPodGroup,
  normalizeVolcanoQueue,
} from './normalize/scheduling';
import {
  normalizeHpa,
  normalizeKarpenterNodePool,
  parseClusterAutoscalerStatus,
} from './normalize/autoscaling';
import {
  normalizeMonitor,
  normalizeOperatorResource,
  normalizePrometheus,
  normalizeValidatingWebhookConfiguration,
} from './normalize/misc';
import { PodDigestBuilder } from './normalize/pods';

/** The part's API is not served by the cluster (a fact, not a failure). */
export const NOT_SERVED = Symbol('not-served');

export interface PartContext {
  client: KubeApiClient;
  snapshot: ClusterSnapshot;
  /** The first of `versions` of `group` that serves `plural`, as an apiVersion (`v1`, `apps/v1`). */
  resolve(
    group: string,
    versions: string[],
    plural: string,
  ): string | undefined;
  /** Every item of a list, mapped; restart-safe (a 410 restart drops what was mapped so far). */
  list<T>(
    apiVersion: string,
    plural: string,
    map: (raw: unknown) => T,
  ): Promise<T[]>;
  /** Waits until another part finished (whatever its outcome). */
  after(part: SnapshotPartName): Promise<void>;
  /** Runs once every part finished, before the snapshot is complete. */
  finalize(fn: () => void): void;
}

export interface PartDefinition {
  name: SnapshotPartName;
  /** Returns the number of objects read, or NOT_SERVED. */
  run(ctx: PartContext): Promise<number | typeof NOT_SERVED>;
}

/** Groups whose discovery resource lists are fetched (readers look at them, and parts resolve against them). */
export const DISCOVERY_GROUPS = [
  'resource.k8s.io',
  'gateway.networking.k8s.io',
  'inference.networking.k8s.io',
  'inference.networking.x-k8s.io',
  'custom.metrics.k8s.io',
  'external.metrics.k8s.io',
  'metrics.k8s.io',
  'serving.kserve.io',
  'kagent.dev',
  'kueue.x-k8s.io',
  'scheduling.volcano.sh',
  'batch.volcano.sh',
  'karpenter.sh',
  'monitoring.coreos.com',
  'monitoring.googleapis.com',
  'azmonitoring.coreos.com',
  'ray.io',
  'trainer.kubeflow.org',
  'kubeflow.org',
  'leaderworkerset.x-k8s.io',
  'nvidia.com',
  'amd.com',
  'nfd.k8s-sigs.io',
  'scheduling.x-k8s.io',
];

const DRA_VERSIONS = ['v1', 'v1beta2', 'v1beta1'];

/** One list of a simple part: resolve, list, map, store. */
function simpleList<T>(
  name: SnapshotPartName,
  group: string,
  versions: string[],
  plural: string,
  map: (raw: unknown, apiVersion: string) => T,
  store: (snapshot: ClusterSnapshot, items: T[], apiVersion: string) => void,
): PartDefinition {
  return {
    name,
    async run(ctx) {
      const apiVersion = ctx.resolve(group, versions, plural);
      if (!apiVersion) return NOT_SERVED;
      const items = await ctx.list(apiVersion, plural, raw =>
        map(raw, apiVersion),
      );
      store(ctx.snapshot, items, apiVersion);
      return items.length;
    },
  };
}

/** Several lists into one part; served when any of them is, failed when a served one fails. */
function multiList(
  name: SnapshotPartName,
  sources: {
    group: string;
    versions: string[];
    plural: string;
    collect: (ctx: PartContext, apiVersion: string) => Promise<number>;
  }[],
): PartDefinition {
  return {
    name,
    async run(ctx) {
      const resolved = sources
        .map(s => ({
          ...s,
          apiVersion: ctx.resolve(s.group, s.versions, s.plural),
        }))
        .filter((s): s is typeof s & { apiVersion: string } => !!s.apiVersion);
      if (resolved.length === 0) return NOT_SERVED;
      const counts = await Promise.all(
        resolved.map(s => s.collect(ctx, s.apiVersion)),
      );
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}

function draPart(
  name: SnapshotPartName,
  plural: string,
  collect: (ctx: PartContext, apiVersion: string) => Promise<number>,
): PartDefinition {
  return {
    name,
    async run(ctx) {
      // One version for all DRA kinds, so slices, classes and claims agree.
      const apiVersion = ctx.resolve(
        'resource.k8s.io',
        DRA_VERSIONS,
        'resourceslices',
      );
      if (
        !apiVersion ||
        !ctx.resolve('resource.k8s.io', [apiVersion.split('/')[1]], plural)
      ) {
        return NOT_SERVED;
      }
      ctx.snapshot.dra.apiVersion = apiVersion;
      return collect(ctx, apiVersion);
    },
  };
}

function monitorSource(group: string, plural: string, kind: string) {
  return {
    group,
    versions: ['v1'],
    plural,
    collect: async (ctx: PartContext, apiVersion: string) => {
      const items = await ctx.list(apiVersion, plural, raw =>
        normalizeMonitor(raw, group, kind),
      );
      ctx.snapshot.observability.monitors.push(...items);
      return items.length;
    },
  };
}

function operatorSource(
  group: string,
  versions: string[],
  plural: string,
  kind: string,
) {
  return {
    group,
    versions,
    plural,
    collect: async (ctx: PartContext, apiVersion: string) => {
      const items = await ctx.list(apiVersion, plural, raw =>
        normalizeOperatorResource(raw, apiVersion, kind),
      );
      ctx.snapshot.operatorResources.push(...items);
      return items.length;
    },
  };
}

/** Nodes that carry accelerators: extended resources, GPU labels, or DRA slices of accelerator drivers. */
export function acceleratorNodeNames(snapshot: ClusterSnapshot): Set<string> {
  const names = new Set<string>();
  for (const node of snapshot.nodes) {
    const byResource = Object.entries(node.capacity).some(
      ([k, v]) => isAcceleratorResourceName(k) && (parseQuantity(v) ?? 0) > 0,
    );
    const byLabel =
      node.labels['nvidia.com/gpu.present'] === 'true' ||
      node.labels['feature.node.kubernetes.io/pci-10de.present'] === 'true' ||
      node.labels['feature.node.kubernetes.io/pci-1002.present'] === 'true' ||
      'amd.com/gpu.product-name' in node.labels ||
      'cloud.google.com/gke-accelerator' in node.labels;
    if (byResource || byLabel) names.add(node.name);
  }
  for (const slice of snapshot.dra.resourceSlices) {
    if (
      slice.nodeName &&
      /gpu|tpu|neuron|gaudi|habana|accelerator/i.test(slice.driver)
    ) {
      names.add(slice.nodeName);
    }
  }
  return names;
}

/** Every built-in part, in no particular order (they run concurrently). */
export const BUILTIN_PARTS: PartDefinition[] = [
  simpleList(
    'crds',
    'apiextensions.k8s.io',
    ['v1'],
    'customresourcedefinitions',
    normalizeCrd,
    (s, items) => {
      s.crds = items;
    },
  ),
  simpleList(
    'apiServices',
    'apiregistration.k8s.io',
    ['v1'],
    'apiservices',
    normalizeApiService,
    (s, items) => {
      s.apiServices = items;
    },
  ),
  simpleList(
    'namespaces',
    '',
    ['v1'],
    'namespaces',
    normalizeNamespace,
    (s, items) => {
      s.namespaces = items;
    },
  ),
  simpleList('nodes', '', ['v1'], 'nodes', normalizeNode, (s, items) => {
    s.nodes = items;
  }),
  {
    name: 'pods',
    async run(ctx) {
      const apiVersion = ctx.resolve('', ['v1'], 'pods');
      if (!apiVersion) return NOT_SERVED;
      // InferencePool selectors tell which pods serve inference.
      await ctx.after('inferencePools');
      const selectors = () =>
        ctx.snapshot.networking.inferencePools.map(p => ({
          namespace: p.namespace,
          selector: p.selector,
        }));
      let builder = new PodDigestBuilder({
        inferencePoolSelectors: selectors(),
      });
      await ctx.client.listEach(apiVersion, 'pods', {
        onPage: items => {
          for (const pod of items) builder.add(pod);
        },
        onRestart: () => {
          builder = new PodDigestBuilder({
            inferencePoolSelectors: selectors(),
          });
        },
      });
      const done = builder;
      ctx.finalize(() => {
        ctx.snapshot.pods = done.finish(acceleratorNodeNames(ctx.snapshot));
      });
      // Provisional digest, replaced in finalize once nodes are known.
      ctx.snapshot.pods = done.finish();
      return ctx.snapshot.pods.total;
    },
  },
  draPart('draDeviceClasses', 'deviceclasses', async (ctx, apiVersion) => {
    ctx.snapshot.dra.deviceClasses = await ctx.list(
      apiVersion,
      'deviceclasses',
      normalizeDeviceClass,
    );
    return ctx.snapshot.dra.deviceClasses.length;
  }),
  draPart('draResourceSlices', 'resourceslices', async (ctx, apiVersion) => {
    ctx.snapshot.dra.resourceSlices = await ctx.list(
      apiVersion,
      'resourceslices',
      normalizeResourceSlice,
    );
    return ctx.snapshot.dra.resourceSlices.length;
  }),
  draPart('draResourceClaims', 'resourceclaims', async (ctx, apiVersion) => {
    ctx.snapshot.dra.resourceClaims = await ctx.list(
      apiVersion,
      'resourceclaims',
      normalizeResourceClaim,
    );
    return ctx.snapshot.dra.resourceClaims.length;
  }),
  simpleList(
    'daemonSets',
    'apps',
    ['v1'],
    'daemonsets',
    raw => normalizeWorkload(raw, 'DaemonSet'),
    (s, items) => {
      s.workloads.daemonSets = items;
    },
  ),
  simpleList(
    'deployments',
    'apps',
    ['v1'],
    'deployments',
    raw => normalizeWorkload(raw, 'Deployment'),
    (s, items) => {
      s.workloads.deployments = items;
    },
  ),
  simpleList(
    'services',
    '',
    ['v1'],
    'services',
    normalizeService,
    (s, items) => {
      s.services = items;
    },
  ),
  {
    name: 'configMaps',
    async run(ctx) {
      // One named ConfigMap, never a list of all ConfigMaps.
      const cm = await ctx.client.getOptional(
        '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
      );
      const status = cm ? parseClusterAutoscalerStatus(cm) : undefined;
      if (status) ctx.snapshot.autoscaling.clusterAutoscalerStatus = status;
      return status ? 1 : 0;
    },
  },
  simpleList(
    'gatewayClasses',
    'gateway.networking.k8s.io',
    ['v1', 'v1beta1'],
    'gatewayclasses',
    normalizeGatewayClass,
    (s, items) => {
      s.networking.gatewayClasses = items;
    },
  ),
  simpleList(
    'gateways',
    'gateway.networking.k8s.io',
    ['v1', 'v1beta1'],
    'gateways',
    normalizeGateway,
    (s, items) => {
      s.networking.gateways = items;
    },
  ),
  simpleList(
    'httpRoutes',
    'gateway.networking.k8s.io',
    ['v1', 'v1beta1'],
    'httproutes',
    normalizeHttpRoute,
    (s, items) => {
      s.networking.httpRoutes = items;
    },
  ),
  multiList(
    'inferencePools',
    ['inference.networking.k8s.io', 'inference.networking.x-k8s.io'].map(
      group => ({
        group,
        versions:
          group === 'inference.networking.k8s.io' ? ['v1'] : ['v1alpha2'],
        plural: 'inferencepools',
        collect: async (ctx: PartContext, apiVersion: string) => {
          const items = await ctx.list(apiVersion, 'inferencepools', raw =>
            normalizeInferencePool(raw, apiVersion),
          );
          ctx.snapshot.networking.inferencePools.push(...items);
          return items.length;
        },
      }),
    ),
  ),
  simpleList(
    'inferenceServices',
    'serving.kserve.io',
    ['v1beta1'],
    'inferenceservices',
    normalizeInferenceService,
    (s, items) => {
      s.serving.inferenceServices = items;
    },
  ),
  simpleList(
    'llmInferenceServices',
    'serving.kserve.io',
    ['v1alpha2', 'v1alpha1'],
    'llminferenceservices',
    normalizeLlmInferenceService,
    (s, items) => {
      s.serving.llmInferenceServices = items;
    },
  ),
  multiList('servingRuntimes', [
    {
      group: 'serving.kserve.io',
      versions: ['v1alpha1'],
      plural: 'servingruntimes',
      collect: async (ctx, apiVersion) => {
        const items = await ctx.list(apiVersion, 'servingruntimes', raw =>
          normalizeServingRuntime(raw, false),
        );
        ctx.snapshot.serving.servingRuntimes.push(...items);
        return items.length;
      },
    },
    {
      group: 'serving.kserve.io',
      versions: ['v1alpha1'],
      plural: 'clusterservingruntimes',
      collect: async (ctx, apiVersion) => {
        const items = await ctx.list(
          apiVersion,
          'clusterservingruntimes',
          raw => normalizeServingRuntime(raw, true),
        );
        ctx.snapshot.serving.servingRuntimes.push(...items);
        return items.length;
      },
    },
  ]),
  simpleList(
    'kagentAgents',
    'kagent.dev',
    ['v1alpha2', 'v1alpha1'],
    'agents',
    normalizeKagentAgent,
    (s, items) => {
      s.agents.kagentAgents = items;
    },
  ),
  simpleList(
    'kagentModelConfigs',
    'kagent.dev',
    ['v1alpha2', 'v1alpha1'],
    'modelconfigs',
    normalizeKagentModelConfig,
    (s, items) => {
      s.agents.kagentModelConfigs = items;
    },
  ),
  simpleList(
    'kagentRemoteMcpServers',
    'kagent.dev',
    ['v1alpha2', 'v1alpha1'],
    'remotemcpservers',
    normalizeKagentRemoteMcpServer,
    (s, items) => {
      s.agents.kagentRemoteMcpServers = items;
    },
  ),
  {
    name: 'kueue',
    async run(ctx) {
      const versions = ['v1beta2', 'v1beta1'];
      const apiVersion = ctx.resolve(
        'kueue.x-k8s.io',
        versions,
        'clusterqueues',
      );
      if (!apiVersion) return NOT_SERVED;
      const kueue = ctx.snapshot.scheduling.kueue;
      kueue.apiVersion = apiVersion;
      const served = (plural: string) =>
        ctx.resolve('kueue.x-k8s.io', [apiVersion.split('/')[1]], plural);
      const [clusterQueues, localQueues, resourceFlavors, workloads] =
        await Promise.all([
          ctx.list(apiVersion, 'clusterqueues', normalizeClusterQueue),
          served('localqueues')
            ? ctx.list(apiVersion, 'localqueues', normalizeLocalQueue)
            : [],
          served('resourceflavors')
            ? ctx.list(apiVersion, 'resourceflavors', normalizeResourceFlavor)
            : [],
          served('workloads')
            ? ctx.list(apiVersion, 'workloads', isWorkloadAdmitted)
            : [],
        ]);
      kueue.clusterQueues = clusterQueues;
      kueue.localQueues = localQueues;
      kueue.resourceFlavors = resourceFlavors;
      kueue.workloads = {
        total: workloads.length,
        admitted: workloads.filter(Boolean).length,
      };
      return (
        clusterQueues.length +
        localQueues.length +
        resourceFlavors.length +
        workloads.length
      );
    },
  },
  multiList('volcano', [
    {
      group: 'scheduling.volcano.sh',
      versions: ['v1beta1'],
      plural: 'queues',
      collect: async (ctx, apiVersion) => {
        ctx.snapshot.scheduling.volcano.queues = await ctx.list(
          apiVersion,
          'queues',
          normalizeVolcanoQueue,
        );
        return ctx.snapshot.scheduling.volcano.queues.length;
      },
    },
    {
      group: 'scheduling.volcano.sh',
      versions: ['v1beta1'],
      plural: 'podgroups',
      collect: async (ctx, apiVersion) => {
        ctx.snapshot.scheduling.volcano.podGroups = await ctx.list(
          apiVersion,
          'podgroups',
          normalizeVolcanoPodGroup,
        );
        return ctx.snapshot.scheduling.volcano.podGroups.length;
      },
    },
    {
      group: 'batch.volcano.sh',
      versions: ['v1alpha1'],
      plural: 'jobs',
      collect: async (ctx, apiVersion) => {
        const jobs = await ctx.list(apiVersion, 'jobs', () => 1);
        ctx.snapshot.scheduling.volcano.jobs = jobs.length;
        return jobs.length;
      },
    },
  ]),
  simpleList(
    'runtimeClasses',
    'node.k8s.io',
    ['v1'],
    'runtimeclasses',
    normalizeRuntimeClass,
    (s, items) => {
      s.scheduling.runtimeClasses = items;
    },
  ),
  simpleList(
    'karpenterNodePools',
    'karpenter.sh',
    ['v1', 'v1beta1'],
    'nodepools',
    normalizeKarpenterNodePool,
    (s, items) => {
      s.autoscaling.karpenterNodePools = items;
    },
  ),
  simpleList(
    'horizontalPodAutoscalers',
    'autoscaling',
    ['v2'],
    'horizontalpodautoscalers',
    normalizeHpa,
    (s, items) => {
      s.autoscaling.horizontalPodAutoscalers = items;
    },
  ),
  multiList('monitors', [
    monitorSource('monitoring.coreos.com', 'servicemonitors', 'ServiceMonitor'),
    monitorSource('monitoring.coreos.com', 'podmonitors', 'PodMonitor'),
    {
      group: 'monitoring.coreos.com',
      versions: ['v1'],
      plural: 'prometheuses',
      collect: async (ctx, apiVersion) => {
        ctx.snapshot.observability.prometheuses = await ctx.list(
          apiVersion,
          'prometheuses',
          normalizePrometheus,
        );
        return ctx.snapshot.observability.prometheuses.length;
      },
    },
    monitorSource(
      'monitoring.googleapis.com',
      'podmonitorings',
      'PodMonitoring',
    ),
    monitorSource(
      'monitoring.googleapis.com',
      'clusterpodmonitorings',
      'ClusterPodMonitoring',
    ),
    monitorSource(
      'azmonitoring.coreos.com',
      'servicemonitors',
      'ServiceMonitor',
    ),
    monitorSource('azmonitoring.coreos.com', 'podmonitors', 'PodMonitor'),
  ]),
  simpleList(
    'validatingWebhooks',
    'admissionregistration.k8s.io',
    ['v1'],
    'validatingwebhookconfigurations',
    normalizeValidatingWebhookConfiguration,
    (s, items) => {
      s.security.validatingWebhooks = items;
    },
  ),
  multiList('operatorResources', [
    operatorSource('ray.io', ['v1'], 'rayclusters', 'RayCluster'),
    operatorSource('ray.io', ['v1'], 'rayjobs', 'RayJob'),
    operatorSource('ray.io', ['v1'], 'rayservices', 'RayService'),
    operatorSource(
      'trainer.kubeflow.org',
      ['v1alpha1'],
      'trainjobs',
      'TrainJob',
    ),
    operatorSource('kubeflow.org', ['v1'], 'pytorchjobs', 'PyTorchJob'),
    operatorSource(
      'leaderworkerset.x-k8s.io',
      ['v1'],
      'leaderworkersets',
      'LeaderWorkerSet',
    ),
  ]),
];
