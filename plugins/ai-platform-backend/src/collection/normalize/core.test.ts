import {
  normalizeApiService,
  normalizeCrd,
  normalizeGroups,
  normalizeNamespace,
  normalizeNode,
  normalizeResourceList,
  normalizeService,
  normalizeVersion,
} from './core';
import { aiCrds, h100Node } from '../__testUtils__/objects';

describe('normalizeVersion', () => {
  it('reads a plain /version', () => {
    expect(
      normalizeVersion({
        major: '1',
        minor: '35',
        gitVersion: 'v1.35.0',
        platform: 'linux/amd64',
        goVersion: 'go1.24.4',
      }),
    ).toEqual({
      major: 1,
      minor: 35,
      gitVersion: 'v1.35.0',
      platform: 'linux/amd64',
    });
  });

  it('copes with managed-cluster decorations', () => {
    expect(
      normalizeVersion({
        major: '1',
        minor: '34+',
        gitVersion: 'v1.34.3-gke.1200000',
      }),
    ).toMatchObject({ major: 1, minor: 34 });
    expect(
      normalizeVersion({
        major: '',
        minor: '',
        gitVersion: 'v1.33.5-eks-3025e55',
      }),
    ).toMatchObject({ major: 1, minor: 33 });
  });

  it('gives up on something that is not a version', () => {
    expect(normalizeVersion({ kind: 'Status' })).toBeUndefined();
    expect(normalizeVersion('<html>')).toBeUndefined();
  });
});

describe('discovery', () => {
  it('lists groups with the preferred version first', () => {
    const groups = normalizeGroups(
      { kind: 'APIVersions', versions: ['v1'] },
      {
        kind: 'APIGroupList',
        groups: [
          {
            name: 'apps',
            versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
            preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
          },
          {
            name: 'resource.k8s.io',
            versions: [
              { groupVersion: 'resource.k8s.io/v1beta1', version: 'v1beta1' },
              { groupVersion: 'resource.k8s.io/v1', version: 'v1' },
            ],
            preferredVersion: {
              groupVersion: 'resource.k8s.io/v1',
              version: 'v1',
            },
          },
          { versions: [] },
        ],
      },
    );
    expect(groups).toEqual({
      '': { preferredVersion: 'v1', versions: ['v1'] },
      apps: { preferredVersion: 'v1', versions: ['v1'] },
      'resource.k8s.io': {
        preferredVersion: 'v1',
        versions: ['v1', 'v1beta1'],
      },
    });
  });

  it('drops subresources from resource lists', () => {
    expect(
      normalizeResourceList({
        kind: 'APIResourceList',
        groupVersion: 'apps/v1',
        resources: [
          { name: 'deployments', kind: 'Deployment', verbs: ['list'] },
          { name: 'deployments/status', kind: 'Deployment', verbs: ['get'] },
          { name: 'daemonsets', kind: 'DaemonSet', verbs: ['list'] },
        ],
      }),
    ).toEqual(['deployments', 'daemonsets']);
  });
});

describe('normalizeCrd', () => {
  it('keeps names, scope, versions and whether it is established', () => {
    expect(
      normalizeCrd(
        aiCrds.find(
          c => c.metadata.name === 'llminferenceservices.serving.kserve.io',
        ),
      ),
    ).toEqual({
      name: 'llminferenceservices.serving.kserve.io',
      group: 'serving.kserve.io',
      kind: 'LLMInferenceService',
      plural: 'llminferenceservices',
      scope: 'Namespaced',
      versions: [
        { name: 'v1alpha2', served: true, storage: true },
        { name: 'v1alpha1', served: true, storage: false },
      ],
      established: true,
    });
  });
});

describe('normalizeApiService', () => {
  it('reads an aggregated API and its availability', () => {
    expect(
      normalizeApiService({
        metadata: { name: 'v1beta1.custom.metrics.k8s.io' },
        spec: {
          group: 'custom.metrics.k8s.io',
          version: 'v1beta1',
          service: { namespace: 'monitoring', name: 'prometheus-adapter' },
          groupPriorityMinimum: 100,
        },
        status: {
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'FailedDiscoveryCheck',
              message: 'failing or missing response',
            },
          ],
        },
      }),
    ).toEqual({
      name: 'v1beta1.custom.metrics.k8s.io',
      group: 'custom.metrics.k8s.io',
      version: 'v1beta1',
      service: { namespace: 'monitoring', name: 'prometheus-adapter' },
      available: false,
      availableReason: 'FailedDiscoveryCheck',
    });
  });

  it('treats a local API service without conditions as unknown', () => {
    expect(
      normalizeApiService({
        metadata: { name: 'v1.apps' },
        spec: { group: 'apps', version: 'v1' },
      }),
    ).toEqual({
      name: 'v1.apps',
      group: 'apps',
      version: 'v1',
      available: 'unknown',
    });
  });
});

describe('normalizeNamespace', () => {
  it('keeps only pod security labels', () => {
    expect(
      normalizeNamespace({
        metadata: {
          name: 'llm',
          labels: {
            'kubernetes.io/metadata.name': 'llm',
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/warn': 'restricted',
            team: 'ml',
          },
        },
      }),
    ).toEqual({
      name: 'llm',
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    });
  });
});

describe('normalizeNode', () => {
  it('keeps GPU labels, taints, resources and readiness, drops NFD noise', () => {
    const node = normalizeNode(h100Node('gpu-h100-01'));
    expect(node.labels['nvidia.com/gpu.product']).toBe('NVIDIA-H100-80GB-HBM3');
    expect(node.labels['feature.node.kubernetes.io/pci-10de.present']).toBe(
      'true',
    );
    expect(
      node.labels['feature.node.kubernetes.io/cpu-cpuid.AVX512F'],
    ).toBeUndefined();
    expect(
      node.labels['feature.node.kubernetes.io/kernel-config.NO_HZ'],
    ).toBeUndefined();
    expect(node).toMatchObject({
      name: 'gpu-h100-01',
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
      unschedulable: false,
      ready: true,
      readyReason: 'KubeletReady',
      capacity: { 'nvidia.com/gpu': '8', cpu: '192' },
      allocatable: { 'nvidia.com/gpu': '8', cpu: '191450m' },
      nodeInfo: {
        kubeletVersion: 'v1.34.1',
        containerRuntimeVersion: 'containerd://2.0.5',
        osImage: 'Ubuntu 22.04.5 LTS',
        kernelVersion: '6.8.0-1024-aws',
        architecture: 'amd64',
      },
      createdAt: '2026-01-10T08:00:00Z',
    });
    expect(node.nodeInfo).not.toHaveProperty('machineID');
  });

  it('reports a node that stopped posting status as unknown, and a cordoned one as unschedulable', () => {
    const raw = h100Node('gpu-h100-02', { ready: false });
    raw.spec.unschedulable = true;
    expect(normalizeNode(raw)).toMatchObject({
      ready: 'unknown',
      readyReason: 'NodeStatusUnknown',
      unschedulable: true,
    });
  });

  it('survives a node without status', () => {
    expect(normalizeNode({ metadata: { name: 'bare' } })).toEqual({
      name: 'bare',
      labels: {},
      taints: [],
      unschedulable: false,
      ready: 'unknown',
      capacity: {},
      allocatable: {},
      nodeInfo: {},
    });
  });
});

describe('normalizeService', () => {
  it('keeps selector, ports and labels', () => {
    expect(
      normalizeService({
        metadata: { name: 'vllm', namespace: 'llm', labels: { app: 'vllm' } },
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.0.0.12',
          selector: { app: 'vllm-qwen3-32b' },
          ports: [
            { name: 'http', port: 8000, targetPort: 8000 },
            { port: 9000 },
          ],
        },
      }),
    ).toEqual({
      namespace: 'llm',
      name: 'vllm',
      type: 'ClusterIP',
      selector: { app: 'vllm-qwen3-32b' },
      ports: [{ name: 'http', port: 8000 }, { port: 9000 }],
      labels: { app: 'vllm' },
    });
  });
});
