import type { KubeObject } from '../types';
import {
  isBuiltinGroupVersionServed,
  Registry,
  RegistryInput,
} from './registry';

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'inferencepools.inference.networking.k8s.io' },
  spec: {
    group: 'inference.networking.k8s.io',
    scope: 'Namespaced',
    names: {
      plural: 'inferencepools',
      singular: 'inferencepool',
      kind: 'InferencePool',
      shortNames: ['ip'],
      categories: ['ai'],
    },
    versions: [
      { name: 'v1alpha2', served: true, storage: false },
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        selectableFields: [{ jsonPath: '.spec.appProtocol' }],
      },
      { name: 'v0', served: false, storage: false },
    ],
  },
};

const apiService = (
  group: string,
  version: string,
  available = true,
): KubeObject => ({
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: `${version}.${group}` },
  spec: {
    group,
    version,
    service: { name: 'adapter', namespace: 'monitoring' },
  },
  status: {
    conditions: [
      {
        type: 'Available',
        status: available ? 'True' : 'False',
        message: 'endpoints down',
      },
    ],
  },
});

function registry(input: Partial<RegistryInput>): Registry {
  return new Registry({
    minor: 34,
    features: {},
    seenApiVersions: new Set(),
    crds: [],
    apiServices: [],
    apiServiceResources: {},
    ...input,
  });
}

describe('Registry', () => {
  it('gates resource.k8s.io by minor, presence and features', () => {
    const seen = new Set(['resource.k8s.io/v1beta1']);
    expect(
      isBuiltinGroupVersionServed('resource.k8s.io/v1', 34, {}, new Set()),
    ).toBe(true);
    expect(
      isBuiltinGroupVersionServed('resource.k8s.io/v1', 33, {}, new Set()),
    ).toBe(false);
    expect(
      isBuiltinGroupVersionServed('resource.k8s.io/v1beta1', 32, {}, new Set()),
    ).toBe(false);
    expect(
      isBuiltinGroupVersionServed('resource.k8s.io/v1beta1', 32, {}, seen),
    ).toBe(true);
    expect(
      isBuiltinGroupVersionServed(
        'resource.k8s.io/v1beta2',
        33,
        { 'resource.k8s.io/v1beta2': true },
        new Set(),
      ),
    ).toBe(true);
    expect(
      isBuiltinGroupVersionServed(
        'resource.k8s.io/v1',
        35,
        { 'resource.k8s.io/v1': false },
        new Set(),
      ),
    ).toBe(false);
    expect(isBuiltinGroupVersionServed('apps/v1', 20, {}, new Set())).toBe(
      true,
    );

    const r33 = registry({
      minor: 33,
      features: { 'resource.k8s.io/v1beta2': true },
      seenApiVersions: new Set(['resource.k8s.io/v1beta1']),
    });
    expect(r33.groupVersionsOf('resource.k8s.io')).toEqual([
      'v1beta2',
      'v1beta1',
    ]);
    expect(r33.isGroupVersionServed('resource.k8s.io', 'v1')).toBe(false);
    expect(registry({ minor: 31 }).groupVersionsOf('resource.k8s.io')).toEqual(
      [],
    );
    expect(registry({ minor: 34 }).groupVersionsOf('resource.k8s.io')).toEqual([
      'v1',
    ]);
  });

  it('serves CRD versions with served: true, preferred = highest', () => {
    const r = registry({ crds: [crd] });
    expect(r.groupVersionsOf('inference.networking.k8s.io')).toEqual([
      'v1',
      'v1alpha2',
    ]);
    const group = r.apiGroup('inference.networking.k8s.io') as any;
    expect(group.preferredVersion).toEqual({
      groupVersion: 'inference.networking.k8s.io/v1',
      version: 'v1',
    });
    expect(r.isGroupVersionServed('inference.networking.k8s.io', 'v0')).toBe(
      false,
    );
    const res = r.lookup(
      'inference.networking.k8s.io',
      'v1alpha2',
      'inferencepools',
    )!;
    expect(res).toMatchObject({
      kind: 'InferencePool',
      namespaced: true,
      builtin: false,
      listKind: 'InferencePoolList',
    });
    expect(res.fields.has('spec.appProtocol')).toBe(true);
    const list = r.apiResourceList('inference.networking.k8s.io', 'v1') as any;
    expect(list.resources.map((x: any) => x.name)).toEqual([
      'inferencepools',
      'inferencepools/status',
    ]);
    expect(list.resources[0]).toMatchObject({
      shortNames: ['ip'],
      categories: ['ai'],
    });
  });

  it('lists every group once in /apis with versions in priority order', () => {
    const r = registry({ crds: [crd] });
    const groups = (r.apiGroupList() as any).groups;
    const names = groups.map((g: any) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'resource.k8s.io',
        'inference.networking.k8s.io',
      ]),
    );
    expect(names).not.toContain('');
    const autoscaling = groups.find((g: any) => g.name === 'autoscaling');
    expect(autoscaling.versions.map((v: any) => v.version)).toEqual([
      'v2',
      'v1',
    ]);
    expect((r.apiVersions() as any).versions).toEqual(['v1']);
  });

  it('adds aggregated APIService group/versions with their declared resources', () => {
    const r = registry({
      apiServices: [
        apiService('custom.metrics.k8s.io', 'v1beta1'),
        apiService('metrics.k8s.io', 'v1beta1', false),
      ],
      apiServiceResources: {
        'custom.metrics.k8s.io/v1beta1': [
          {
            name: 'pods/DCGM_FI_DEV_GPU_UTIL',
            singularName: '',
            namespaced: true,
            kind: 'MetricValueList',
            verbs: ['get'],
          },
        ],
      },
    });
    expect(r.isGroupVersionServed('custom.metrics.k8s.io', 'v1beta1')).toBe(
      true,
    );
    expect(
      (r.apiResourceList('custom.metrics.k8s.io', 'v1beta1') as any).resources,
    ).toHaveLength(1);
    expect(r.unavailableMessage('metrics.k8s.io', 'v1beta1')).toBe(
      'endpoints down',
    );
    expect(
      (r.apiResourceList('metrics.k8s.io', 'v1beta1') as any).resources,
    ).toEqual([]);
  });

  it('ignores CRDs that claim built-in groups or have no served version', () => {
    const warnings: string[] = [];
    const bad = { ...crd, spec: { ...(crd.spec as object), group: 'apps' } };
    const unserved = {
      ...crd,
      metadata: { name: 'x' },
      spec: {
        ...(crd.spec as object),
        group: 'x.io',
        versions: [{ name: 'v1', served: false }],
      },
    };
    const r = registry({ crds: [bad, unserved], warn: m => warnings.push(m) });
    expect(r.lookup('apps', 'v1', 'inferencepools')).toBeUndefined();
    expect(r.isGroupVersionServed('x.io', 'v1')).toBe(false);
    expect(warnings.join('\n')).toMatch(/built-in group/);
  });
});
