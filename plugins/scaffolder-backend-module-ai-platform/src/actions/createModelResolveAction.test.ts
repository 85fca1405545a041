import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { createModelResolveAction } from './createModelResolveAction';

const qwen: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'qwen3-32b',
    namespace: 'default',
    title: 'Qwen3 32B',
    annotations: { 'ai-platform.dev/model-id': 'Qwen/Qwen3-32B' },
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/applied-ai',
    source: { uri: 'hf://Qwen/Qwen3-32B' },
    format: 'safetensors',
    architecture: 'transformer',
    parameters: '32B',
    precision: 'bf16',
    license: 'Apache-2.0',
    contextLength: 32768,
    resources: { gpuMemoryGiB: 80, recommendedGpus: 1 },
  },
};

const discovered: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'mistral-7b-instruct', namespace: 'default' },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/platform-engineering',
    source: {
      uri: 'oci://registry.example.com/models/mistral-7b-instruct:v0.3',
    },
  },
};

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'qwen3-32b', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/applied-ai',
  },
};

describe('ai-platform:model:resolve', () => {
  const catalog = new InMemoryCatalogClient({
    entities: [qwen, discovered, component],
  });
  const action = createModelResolveAction({
    catalog,
    auth: mockServices.auth(),
  });

  async function run(input: JsonObject) {
    const ctx = createMockActionContext({ input });
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  it('resolves a catalog Model to its source, format and GPU needs', async () => {
    const out = await run({
      model: 'model:default/qwen3-32b',
      stack: 'vllm',
      staging: 'download',
      serverName: 'chat',
    });
    expect(out).toEqual({
      entityRef: 'model:default/qwen3-32b',
      name: 'qwen3-32b',
      title: 'Qwen3 32B',
      sourceUri: 'hf://Qwen/Qwen3-32B',
      scheme: 'hf',
      hfRepo: 'Qwen/Qwen3-32B',
      servedModelName: 'Qwen/Qwen3-32B',
      format: 'safetensors',
      architecture: 'transformer',
      parameters: '32B',
      precision: 'bf16',
      license: 'Apache-2.0',
      contextLength: 32768,
      gpuCount: 1,
      minGpuMemoryGiB: 80,
      totalGpuMemoryGiB: 80,
      gpuSizing:
        '1 GPU per replica (as the model recommends), each with at least 80 GiB (80 GiB per replica over 1 GPU)',
      modelPath: 'Qwen/Qwen3-32B',
      createPvc: false,
      downloadJob: false,
    });
  });

  it('accepts a bare name as a Model ref and a blank source as absent', async () => {
    const out = await run({ model: 'qwen3-32b', sourceUri: '', gpuCount: 2 });
    expect(out.entityRef).toBe('model:default/qwen3-32b');
    expect(out.minGpuMemoryGiB).toBe(40);
  });

  it('needs a GPU count for a Model that does not say what it needs', async () => {
    await expect(
      run({ model: 'model:default/mistral-7b-instruct' }),
    ).rejects.toThrow(
      'Model model:default/mistral-7b-instruct does not say how many GPUs it needs (spec.resources.recommendedGpus); enter the GPU count in the form',
    );
    const out = await run({
      model: 'model:default/mistral-7b-instruct',
      gpuCount: 1,
      stack: 'kserve',
      staging: 'modelcar',
    });
    expect(out).toMatchObject({
      servedModelName: 'mistral-7b-instruct',
      imageReference: 'registry.example.com/models/mistral-7b-instruct:v0.3',
      storageUri: 'oci://registry.example.com/models/mistral-7b-instruct:v0.3',
    });
  });

  it('says clearly when the ref is not a Model, or not there', async () => {
    await expect(run({ model: 'component:default/qwen3-32b' })).rejects.toThrow(
      'component:default/qwen3-32b is a Component (backstage.io/v1alpha1), not a Model (ai-platform.dev/v1alpha1); pick a Model',
    );
    await expect(run({ model: 'model:default/nope' })).rejects.toThrow(
      'There is no model:default/nope in the catalog',
    );
    await expect(run({ model: '', sourceUri: '' })).rejects.toThrow(
      'Give a Model entity ref (model) or a source URI (sourceUri)',
    );
  });

  it('resolves a source URI without the catalog', async () => {
    const out = await run({
      sourceUri: 'oci://registry.example.com/models/llama-3.1-8b-instruct:fp8',
      gpuCount: 1,
      minGpuMemoryGiB: 24,
      stack: 'vllm',
      staging: 'image-volume',
    });
    expect(out).toMatchObject({
      name: 'llama-3-1-8b-instruct',
      servedModelName: 'llama-3.1-8b-instruct',
      gpuCount: 1,
      minGpuMemoryGiB: 24,
      modelPath: '/mnt/models',
    });
    expect(out.entityRef).toBeUndefined();
  });

  it('refuses a staging that cannot work for the source', async () => {
    await expect(
      run({ model: 'qwen3-32b', stack: 'vllm', staging: 'image-volume' }),
    ).rejects.toThrow(
      /does not work for hf:\/\/Qwen\/Qwen3-32B with vLLM: an ImageVolume mounts an OCI image/,
    );
  });
});
