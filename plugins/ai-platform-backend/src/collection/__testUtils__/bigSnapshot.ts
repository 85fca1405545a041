import {
  ClusterSnapshot,
  emptySnapshot,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * A snapshot the size of a 5,000-node GPU cluster (8 GPUs per node, 40,000
 * GPU pods, DRA slices for a fifth of the nodes), built directly as summaries.
 */
export function bigSnapshot(
  name: string,
  nodes = 5000,
  collectedAt = new Date().toISOString(),
): ClusterSnapshot {
  const s = emptySnapshot(
    { name, source: 'config', url: 'https://big.example.com' },
    collectedAt,
  );
  s.version = { gitVersion: 'v1.34.2', major: 1, minor: 34 };
  for (let i = 0; i < nodes; i++) {
    const node = `gpu-h100-${String(i).padStart(5, '0')}`;
    s.nodes.push({
      name: node,
      labels: {
        'kubernetes.io/hostname': node,
        'node.kubernetes.io/instance-type': 'p5.48xlarge',
        'topology.kubernetes.io/zone': `us-east-1${'abc'[i % 3]}`,
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
        'nvidia.com/gpu.memory': '81559',
        'nvidia.com/gpu.count': '8',
        'nvidia.com/cuda.driver-version.full': '570.133.20',
        'feature.node.kubernetes.io/pci-10de.present': 'true',
      },
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
      unschedulable: false,
      ready: true,
      capacity: {
        cpu: '192',
        memory: '2097152000Ki',
        'nvidia.com/gpu': '8',
        pods: '110',
      },
      allocatable: {
        cpu: '191450m',
        memory: '2085000000Ki',
        'nvidia.com/gpu': '8',
        pods: '110',
      },
      nodeInfo: {
        kubeletVersion: 'v1.34.1',
        containerRuntimeVersion: 'containerd://2.0.5',
        osImage: 'Ubuntu 22.04.5 LTS',
      },
    });
    for (let p = 0; p < 8; p++) {
      s.pods.acceleratorPods.push({
        namespace: `team-${i % 8}`,
        name: `train-${i}-${p}`,
        nodeName: node,
        phase: 'Running',
        requests: { 'nvidia.com/gpu': 1 },
        claims: [],
        labels: { app: 'train', 'job-name': `train-${i}` },
      });
    }
    if (i % 5 === 0) {
      s.dra.resourceSlices.push({
        name: `${node}-gpu.nvidia.com`,
        driver: 'gpu.nvidia.com',
        nodeName: node,
        pool: { name: node, generation: 1, resourceSliceCount: 1 },
        hasSharedCounters: false,
        devices: Array.from({ length: 8 }, (_, d) => ({
          name: `gpu-${d}`,
          attributes: {
            type: 'gpu',
            productName: 'NVIDIA H100 80GB HBM3',
            uuid: `GPU-${i}-${d}`,
          },
          capacity: { memory: '81559Mi' },
        })),
      });
    }
  }
  s.pods.total = nodes * 30;
  s.pods.byPhase = { Running: nodes * 30 };
  s.parts.nodes = { status: 'ok', count: nodes };
  return s;
}
