import { invoke, registry } from './__testUtils__/fakes';
import {
  catalogEntities,
  discoveredLlama,
  fakeCatalog,
  qwen,
} from './__testUtils__/catalogFixtures';
import { createGetModelAction } from './createGetModelAction';

describe('get-model', () => {
  function setup() {
    const actions = registry();
    createGetModelAction({ actionsRegistry: actions, catalog: fakeCatalog() });
    return actions;
  }

  it('gives the model with its servers, their clusters and the agents using it', async () => {
    const output = await invoke(setup(), 'get-model', {
      model: 'model:default/qwen3-32b',
    });
    expect(output.model).toMatchObject({
      ref: 'model:default/qwen3-32b',
      parameters: '32B',
      resources: {
        gpuMemoryGiB: 160,
        recommendedGpus: 4,
        minGpuMemoryGiBPerDevice: 40,
      },
      capabilities: { toolUsage: true, reasoning: true, inputTypes: ['text'] },
      versions: [
        { name: 'v2', source: 'hf://Qwen/Qwen3-32B', createdAt: '2026-05-01' },
        { name: 'v1', source: 'hf://Qwen/Qwen3-32B@old' },
      ],
    });
    expect(output.servedBy).toEqual([
      {
        ref: 'component:default/vllm-qwen3-32b-a100',
        title: 'vllm-qwen3-32b-a100 title',
        lifecycle: 'production',
        model: 'model:default/qwen3-32b',
        cluster: 'a100-research',
        clusterRef: 'resource:default/a100-research',
      },
      {
        ref: 'component:default/vllm-qwen3-32b-h100',
        title: 'vllm-qwen3-32b-h100 title',
        lifecycle: 'production',
        model: 'model:default/qwen3-32b',
        cluster: 'h100-prod',
        clusterRef: 'resource:default/h100-prod',
        sourceObject: 'apps/v1/Deployment/llm-serving/vllm-qwen3-32b-h100',
      },
    ]);
    expect(output.usedByAgents).toEqual(['agent:default/cluster-doctor']);
    expect(output.summary).toBe(
      'model:default/qwen3-32b (Qwen3 32B): llm 32B bf16 needs 160 GiB of GPU memory per replica on 4 GPUs; served by 2 model-servers on a100-research, h100-prod; used by agent:default/cluster-doctor',
    );
  });

  it('finds a model by name in any namespace, or by the id servers use', async () => {
    const actions = setup();
    expect(
      (await invoke(actions, 'get-model', { model: 'bge-m3' })).model.ref,
    ).toBe('model:research/bge-m3');
    expect(
      (await invoke(actions, 'get-model', { model: 'Qwen/Qwen3-32B' })).model
        .ref,
    ).toBe('model:default/qwen3-32b');
    const llama = await invoke(actions, 'get-model', {
      model: 'llama-3-1-8b-instruct',
    });
    expect(llama.model.discovered).toBe(true);
    expect(llama.servedBy).toEqual([]);
    expect(llama.summary).toMatch(
      /declares no GPU needs; not served by any known model-server; no agent uses it$/,
    );
  });

  it('says what is wrong with a reference it cannot use', async () => {
    const actions = setup();
    await expect(
      invoke(actions, 'get-model', { model: 'no-such-model' }),
    ).rejects.toThrow(
      'No Model "no-such-model" in the catalog (or not visible to you); list-models lists them',
    );
    await expect(
      invoke(actions, 'get-model', {
        model: 'component:default/vllm-qwen3-32b-h100',
      }),
    ).rejects.toThrow(
      '"component:default/vllm-qwen3-32b-h100" refers to a component, not a Model',
    );
  });

  it('prefers the declared model over a copy discovery made, and asks for a ref when names clash', async () => {
    const discoveredCopy = {
      ...discoveredLlama,
      metadata: {
        ...discoveredLlama.metadata,
        name: 'qwen-qwen3-32b',
        annotations: {
          ...discoveredLlama.metadata.annotations,
          'ai-platform.dev/model-id': 'Qwen/Qwen3-32B',
        },
      },
    };
    // The same name in two namespaces, neither the default one.
    const inNamespace = (namespace: string) => ({
      ...qwen,
      metadata: { name: 'mixtral-8x7b', namespace, annotations: {} },
    });
    const actions = registry();
    createGetModelAction({
      actionsRegistry: actions,
      catalog: fakeCatalog([
        ...catalogEntities,
        discoveredCopy,
        inNamespace('research'),
        inNamespace('ops'),
      ]),
    });
    expect(
      (await invoke(actions, 'get-model', { model: 'Qwen/Qwen3-32B' })).model
        .ref,
    ).toBe('model:default/qwen3-32b');
    await expect(
      invoke(actions, 'get-model', { model: 'mixtral-8x7b' }),
    ).rejects.toThrow(
      'Several Models match "mixtral-8x7b": model:ops/mixtral-8x7b, model:research/mixtral-8x7b; pass the full entity ref',
    );
    expect(
      (await invoke(actions, 'get-model', { model: 'model:ops/mixtral-8x7b' }))
        .model.ref,
    ).toBe('model:ops/mixtral-8x7b');
  });
});
