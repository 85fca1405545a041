import { Entity } from '@backstage/catalog-model';
import {
  clusterNameOf,
  describeGpuNeeds,
  modelFitRequest,
  serverCluster,
  serversOf,
} from './entityHelpers';

const model = (
  resources?: object,
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'llama-3-70b', namespace: 'default' },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/applied-ai',
    resources,
  },
  relations,
});

const server = (
  name: string,
  spec: object,
  annotations: Record<string, string> = {},
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'model-server', lifecycle: 'production', owner: 'x', ...spec },
  relations,
});

describe('entity helpers', () => {
  it('asks for recommendedGpus devices of gpuMemoryGiB / recommendedGpus each', () => {
    expect(
      modelFitRequest(model({ gpuMemoryGiB: 140, recommendedGpus: 2 })),
    ).toEqual({ count: 2, minMemoryGiB: 70 });
    expect(
      modelFitRequest(
        model({
          gpuMemoryGiB: 140,
          recommendedGpus: 4,
          minGpuMemoryGiBPerDevice: 40,
        }),
      ),
    ).toEqual({
      count: 4,
      minMemoryGiB: 40,
    });
    expect(
      modelFitRequest(model({ gpuMemoryGiB: 100, recommendedGpus: 3 })),
    ).toEqual({ count: 3, minMemoryGiB: 33.33 });
    expect(modelFitRequest(model(undefined))).toBeUndefined();
    expect(
      describeGpuNeeds(model({ gpuMemoryGiB: 80, recommendedGpus: 1 })),
    ).toBe('80 GiB on 1 GPU');
  });

  it('finds the servers of a model through spec.model, dependsOn or the model’s dependencyOf', () => {
    const bySpec = server('by-spec', { model: 'llama-3-70b' });
    const byRelation = server('by-relation', {}, {}, [
      { type: 'dependsOn', targetRef: 'model:default/llama-3-70b' },
    ]);
    const byModelRelation = server('by-model-relation', {});
    const other = server('other', { model: 'model:default/qwen' });
    const m = model(undefined, [
      {
        type: 'dependencyOf',
        targetRef: 'component:default/by-model-relation',
      },
    ]);
    expect(
      serversOf(m, [bySpec, byRelation, byModelRelation, other]).map(
        s => s.metadata.name,
      ),
    ).toEqual(['by-spec', 'by-relation', 'by-model-relation']);
  });

  it('tells where a server runs and which cluster name an entity stands for', () => {
    expect(serverCluster(server('a', { cluster: 'h100-prod' }))).toEqual({
      resourceRef: {
        kind: 'resource',
        namespace: 'default',
        name: 'h100-prod',
      },
      name: 'h100-prod',
    });
    expect(
      serverCluster(
        server('b', {}, { 'ai-platform.dev/cluster': 'mi300x-lab' }),
      ),
    ).toEqual({
      resourceRef: undefined,
      name: 'mi300x-lab',
    });
    expect(
      clusterNameOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'prod',
          annotations: { 'ai-platform.dev/cluster-name': 'h100-prod' },
        },
      }),
    ).toBe('h100-prod');
  });
});
