import {
  CapacityFit,
  Checklist,
  ClusterInventory,
  ClusterStatus,
  ConformanceMatrix,
  FleetInventory,
  NodeInventory,
  Scorecard,
  VerdictChange,
  DiscoveredWorkloads,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * Test data shaped like the demo fleet: a fresh H100 cluster, a stale A100
 * cluster (the last collection failed) and a MI300X cluster never collected.
 */
export const now = '2026-03-02T12:00:00.000Z';
const hourAgo = '2026-03-02T11:00:00.000Z';
const dayAgo = '2026-03-01T12:00:00.000Z';

export const clusterStatuses: ClusterStatus[] = [
  {
    name: 'h100-prod',
    title: 'H100 production (us-east-1)',
    source: 'config',
    entityRef: 'resource:default/h100-prod',
    state: 'fresh',
    stale: false,
    kubernetesVersion: { gitVersion: 'v1.35.1', major: 1, minor: 35 },
    lastAttemptAt: now,
    lastSuccessAt: now,
    snapshotCollectedAt: now,
    partErrors: [],
  },
  {
    name: 'a100-research',
    title: 'A100 research (eu-west-1)',
    source: 'config',
    state: 'stale',
    stale: true,
    kubernetesVersion: { gitVersion: 'v1.33.4', major: 1, minor: 33 },
    lastAttemptAt: now,
    lastSuccessAt: dayAgo,
    snapshotCollectedAt: dayAgo,
    lastError: {
      cluster: 'a100-research',
      resource: '/version',
      reason: 'unreachable',
      message: 'connect ECONNREFUSED 127.0.0.1:17442',
      at: now,
    },
    partErrors: [],
  },
  {
    name: 'mi300x-lab',
    title: 'MI300X lab (on-prem)',
    source: 'config',
    state: 'pending',
    stale: false,
    partErrors: [],
  },
];

const h100Node = (i: number, allocated: number): NodeInventory => ({
  cluster: 'h100-prod',
  name: `gpu-h100-${i}`,
  ready: true,
  schedulable: true,
  taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
  vendor: 'nvidia',
  product: 'NVIDIA-H100-80GB-HBM3',
  memoryMiB: 81559,
  driverVersion: '550.54.15',
  cudaVersion: '12.4',
  physical: 8,
  allocatable: 8,
  allocated,
  free: 8 - allocated,
  units: [
    {
      resourceName: 'nvidia.com/gpu',
      kind: 'whole',
      dra: false,
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      physical: 8,
      allocatable: 8,
      allocated,
      free: 8 - allocated,
    },
  ],
  draDevices: [],
  instanceType: 'p5.48xlarge',
  zone: 'us-east-1a',
});

export const a100MigNode: NodeInventory = {
  cluster: 'a100-research',
  name: 'gpu-a100-mig-0',
  ready: true,
  schedulable: true,
  taints: [],
  vendor: 'nvidia',
  product: 'NVIDIA-A100-SXM4-40GB',
  memoryMiB: 40960,
  physical: 2,
  allocatable: 15,
  allocated: 3,
  free: 12,
  units: [
    {
      resourceName: 'nvidia.com/mig-1g.5gb',
      kind: 'mig',
      dra: false,
      vendor: 'nvidia',
      product: 'NVIDIA-A100-SXM4-40GB',
      memoryMiB: 4864,
      profile: '1g.5gb',
      physical: 1,
      allocatable: 7,
      allocated: 2,
      free: 5,
    },
    {
      resourceName: 'nvidia.com/gpu.shared',
      kind: 'time-slicing',
      dra: false,
      vendor: 'nvidia',
      product: 'NVIDIA-A100-SXM4-40GB',
      memoryMiB: 40960,
      replicas: 8,
      physical: 1,
      allocatable: 8,
      allocated: 1,
      free: 7,
    },
  ],
  draDevices: [
    {
      driver: 'gpu.nvidia.com',
      pool: 'gpu-a100-mig-0',
      name: 'gpu-0',
      type: 'gpu',
      memoryMiB: 40960,
      allocated: false,
    },
  ],
};

export const h100Nodes: NodeInventory[] = [
  h100Node(0, 8),
  h100Node(1, 8),
  h100Node(2, 4),
  h100Node(3, 0),
];

export const fleetInventory: FleetInventory = {
  clusters: [
    {
      cluster: 'h100-prod',
      stale: false,
      collectedAt: now,
      gpuNodes: 4,
      gpus: { physical: 32, allocatable: 32, allocated: 20, free: 12 },
    },
    {
      cluster: 'a100-research',
      stale: true,
      collectedAt: dayAgo,
      gpuNodes: 1,
      gpus: { physical: 2, allocatable: 15, allocated: 3, free: 12 },
    },
  ],
  gpus: {
    physical: 34,
    allocatable: 47,
    allocated: 23,
    free: 24,
    byProduct: [
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        nodes: 4,
        clusters: 1,
        physical: 32,
        allocatable: 32,
        allocated: 20,
        free: 12,
      },
      {
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-40GB',
        memoryMiB: 40960,
        nodes: 1,
        clusters: 1,
        physical: 2,
        allocatable: 15,
        allocated: 3,
        free: 12,
      },
    ],
    byVendor: [
      {
        vendor: 'nvidia',
        physical: 34,
        allocatable: 47,
        allocated: 23,
        free: 24,
      },
    ],
  },
};

export const h100Inventory: Omit<ClusterInventory, 'nodeInventory'> = {
  cluster: 'h100-prod',
  collectedAt: now,
  stale: false,
  gpuNodes: 4,
  nodes: 6,
  gpus: {
    physical: 32,
    allocatable: 32,
    allocated: 20,
    free: 12,
    byProduct: [fleetInventory.gpus.byProduct[0]],
    byVendor: [
      {
        vendor: 'nvidia',
        physical: 32,
        allocatable: 32,
        allocated: 20,
        free: 12,
      },
    ],
  },
  partitions: [],
  dra: {
    devices: 8,
    allocated: 2,
    byDriver: {
      'gpu.nvidia.com': {
        pools: 2,
        completePools: 1,
        incompletePools: ['gpu-h100-3'],
        devices: 8,
        allocated: 2,
      },
    },
  },
};

export const a100Inventory: Omit<ClusterInventory, 'nodeInventory'> = {
  cluster: 'a100-research',
  collectedAt: dayAgo,
  stale: true,
  gpuNodes: 1,
  nodes: 2,
  gpus: {
    physical: 2,
    allocatable: 15,
    allocated: 3,
    free: 12,
    byProduct: [fleetInventory.gpus.byProduct[1]],
    byVendor: [
      {
        vendor: 'nvidia',
        physical: 2,
        allocatable: 15,
        allocated: 3,
        free: 12,
      },
    ],
  },
  partitions: [
    {
      resourceName: 'nvidia.com/mig-1g.5gb',
      kind: 'mig',
      vendor: 'nvidia',
      product: 'NVIDIA-A100-SXM4-40GB',
      profile: '1g.5gb',
      memoryMiB: 4864,
      physicalGpus: 1,
      allocatable: 7,
      allocated: 2,
      free: 5,
    },
    {
      resourceName: 'nvidia.com/gpu.shared',
      kind: 'time-slicing',
      vendor: 'nvidia',
      product: 'NVIDIA-A100-SXM4-40GB',
      replicas: 8,
      memoryMiB: 40960,
      physicalGpus: 1,
      allocatable: 8,
      allocated: 1,
      free: 7,
    },
  ],
  dra: { devices: 0, allocated: 0, byDriver: {} },
  unreadableParts: ['draResourceClaims'],
};

const requirement = (
  id: string,
  kar: string | undefined,
  category: Checklist['requirements'][number]['category'],
  level: 'MUST' | 'SHOULD',
  title: string,
  extra: Partial<Checklist['requirements'][number]> = {},
): Checklist['requirements'][number] => ({
  id,
  kar,
  category,
  title,
  description: `${title}: what the program asks.`,
  levels: { '1.34': level, '1.35': level },
  level,
  signals: [{ strength: 'strong', description: 'An object that proves it' }],
  sources: [{ title: 'Program', url: 'https://example.com/program' }],
  ...extra,
});

export const checklist135: Checklist = {
  version: '1.35',
  status: 'final',
  requirements: [
    requirement(
      'dra_support',
      'KAR-0051',
      'accelerators',
      'MUST',
      'Dynamic Resource Allocation',
      {
        readOnlyLimit:
          'Whether a claim is actually allocated end to end needs an active test.',
        officialTest: 'dra-allocation',
      },
    ),
    requirement(
      'gang_scheduling',
      'KAR-0060',
      'schedulingOrchestration',
      'MUST',
      'Gang scheduling',
    ),
    requirement(
      'ai_inference',
      undefined,
      'networking',
      'MUST',
      'Gateway API inference extension',
    ),
    requirement(
      'accelerator_metrics',
      'KAR-0070',
      'observability',
      'SHOULD',
      'Accelerator metrics',
    ),
  ],
};

export const checklists: Checklist[] = [
  { ...checklist135, version: '1.34' },
  checklist135,
  { ...checklist135, version: '1.36', status: 'draft' },
];

export const matrix135: ConformanceMatrix = {
  checklistVersion: '1.35',
  requirements: checklist135.requirements.map(r => ({
    id: r.id,
    kar: r.kar,
    title: r.title,
    category: r.category,
    level: r.level,
  })),
  clusters: [
    {
      cluster: 'h100-prod',
      stale: false,
      kubernetesVersion: 'v1.35.1',
      defaultChecklistVersion: '1.35',
      verdicts: {
        dra_support: 'pass',
        gang_scheduling: 'pass',
        ai_inference: 'partial',
        accelerator_metrics: 'not-applicable',
      },
      must: {
        total: 3,
        pass: 2,
        partial: 1,
        fail: 0,
        unknown: 0,
        notApplicable: 0,
      },
      should: {
        total: 1,
        pass: 0,
        partial: 0,
        fail: 0,
        unknown: 0,
        notApplicable: 1,
      },
      readiness: 'not-ready',
    },
    {
      cluster: 'a100-research',
      stale: true,
      kubernetesVersion: 'v1.33.4',
      defaultChecklistVersion: '1.33',
      verdicts: {
        dra_support: 'unknown',
        gang_scheduling: 'fail',
        ai_inference: 'unknown',
        accelerator_metrics: 'unknown',
      },
      must: {
        total: 3,
        pass: 0,
        partial: 0,
        fail: 1,
        unknown: 2,
        notApplicable: 0,
      },
      should: {
        total: 1,
        pass: 0,
        partial: 0,
        fail: 0,
        unknown: 1,
        notApplicable: 0,
      },
      readiness: 'unknown',
      ownChecklist: {
        checklistVersion: '1.33',
        must: {
          total: 8,
          pass: 3,
          partial: 0,
          fail: 1,
          unknown: 4,
          notApplicable: 0,
        },
        should: {
          total: 1,
          pass: 0,
          partial: 0,
          fail: 0,
          unknown: 1,
          notApplicable: 0,
        },
        readiness: 'unknown',
        readinessReason: 'Unknown: the cluster could not be collected',
      },
    },
  ],
};

export function scorecardFor(cluster: string): Scorecard {
  const row = matrix135.clusters.find(c => c.cluster === cluster)!;
  return {
    cluster,
    checklistVersion: '1.35',
    checklistStatus: 'final',
    kubernetesVersion: row.kubernetesVersion,
    snapshotCollectedAt: row.stale ? dayAgo : now,
    evaluatedAt: now,
    stale: row.stale,
    requirements: checklist135.requirements.map(r => ({
      id: r.id,
      kar: r.kar,
      category: r.category,
      level: r.level,
      title: r.title,
      verdict: row.verdicts[r.id],
      reason: `${cluster}: ${r.title} is ${row.verdicts[r.id]}`,
      evidence:
        r.id === 'dra_support'
          ? [
              {
                strength: 'strong',
                supports: true,
                summary: 'DeviceClass gpu.nvidia.com is served',
                object: {
                  apiVersion: 'resource.k8s.io/v1',
                  kind: 'DeviceClass',
                  name: 'gpu.nvidia.com',
                },
              },
            ]
          : [],
      cannotProve: r.readOnlyLimit,
      // A stale scorecard keeps what the last good snapshot said.
      lastKnownVerdict:
        row.stale && r.id === 'dra_support' ? 'pass' : undefined,
      limitedByReadOnly:
        row.verdicts[r.id] === 'partial' && r.id === 'ai_inference'
          ? true
          : undefined,
    })),
    summary: {
      must: row.must,
      should: row.should,
      readiness: row.readiness,
      readinessReason:
        row.readiness === 'not-ready'
          ? 'A MUST is partial: ai_inference'
          : 'Some MUSTs could not be read',
    },
  };
}

export const historyFor = (cluster: string): VerdictChange[] =>
  cluster === 'h100-prod'
    ? [
        {
          cluster,
          requirementId: 'ai_inference',
          checklistVersion: '1.35',
          from: 'pass',
          to: 'partial',
          at: hourAgo,
          reason: 'InferencePool lost its endpoint picker',
        },
        {
          cluster,
          requirementId: 'dra_support',
          checklistVersion: '1.35',
          to: 'pass',
          at: dayAgo,
          reason: 'First evaluation',
        },
      ]
    : [];

export const capacityFit: CapacityFit = {
  request: { count: 4, minMemoryGiB: 80 },
  fits: [
    {
      cluster: 'h100-prod',
      node: 'gpu-h100-3',
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      resourceName: 'nvidia.com/gpu',
      kind: 'whole',
      dra: false,
      memoryMiB: 81559,
      freeUnits: 8,
      units: 4,
      stale: false,
      score: 0.9,
      reasons: ['8 free H100 80 GB on one node'],
      taints: ['nvidia.com/gpu:NoSchedule'],
    },
    {
      cluster: 'a100-research',
      node: 'gpu-a100-mig-0',
      vendor: 'nvidia',
      product: 'NVIDIA-A100-SXM4-80GB',
      resourceName: 'nvidia.com/mig-3g.40gb',
      kind: 'mig',
      dra: false,
      memoryMiB: 40192,
      freeUnits: 4,
      units: 4,
      stale: true,
      score: 0.4,
      reasons: ['4 free MIG 3g.40gb instances'],
      taints: [],
    },
  ],
  closest: [],
  summary: '1 node can take 4 × 80 GiB GPUs now: gpu-h100-3 in h100-prod.',
  skippedClusters: [
    { cluster: 'a100-research', reason: 'stale: last collection failed' },
  ],
};

export const noFit: CapacityFit = {
  request: { count: 16, minMemoryGiB: 80 },
  fits: [],
  closest: [
    {
      ...capacityFit.fits[0],
      units: 16,
      score: 0.5,
      reasons: ['only 8 free on one node; 16 needed'],
    },
  ],
  summary: 'No node has 16 free GPUs of 80 GiB; the closest has 8.',
  skippedClusters: [],
};

export const workloads: DiscoveredWorkloads[] = [
  {
    cluster: 'h100-prod',
    collectedAt: now,
    modelServers: [
      {
        source: {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          namespace: 'llm',
          name: 'llama-3-70b',
        },
        engine: 'kserve',
        modelId: 'meta-llama/Llama-3.1-70B-Instruct',
        replicas: 2,
        ready: true,
        url: 'http://llama-3-70b.llm.svc',
        acceleratorRequests: { 'nvidia.com/gpu': 4 },
        inferencePools: ['llm/llama-pool'],
      },
    ],
    agents: [],
    mcpServers: [],
  },
];
