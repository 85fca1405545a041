import { mockCredentials } from '@backstage/backend-test-utils';
import { validationError, invoke, registry } from './__testUtils__/fakes';
import { fakeCatalog } from './__testUtils__/catalogFixtures';
import { createListModelsAction } from './createListModelsAction';

describe('list-models', () => {
  function setup() {
    const catalog = fakeCatalog();
    const actions = registry();
    createListModelsAction({ actionsRegistry: actions, catalog });
    return { actions, catalog };
  }

  it('lists models with where each is served', async () => {
    const { actions } = setup();
    const output = await invoke(actions, 'list-models', {});
    expect(output.totalItems).toBe(3);
    expect(output.nextOffset).toBeUndefined();
    expect(output.models.map((m: { ref: string }) => m.ref)).toEqual([
      'model:research/bge-m3',
      'model:default/llama-3-1-8b-instruct',
      'model:default/qwen3-32b',
    ]);
    expect(output.models[2]).toEqual({
      ref: 'model:default/qwen3-32b',
      name: 'qwen3-32b',
      title: 'Qwen3 32B',
      description: 'General chat model',
      type: 'llm',
      lifecycle: 'production',
      owner: 'group:default/ml-platform',
      modelId: 'Qwen/Qwen3-32B',
      source: 'hf://Qwen/Qwen3-32B',
      format: 'safetensors',
      architecture: 'transformer',
      parameters: '32B',
      precision: 'bf16',
      license: 'Apache-2.0',
      contextLength: 32768,
      resources: {
        gpuMemoryGiB: 160,
        recommendedGpus: 4,
        minGpuMemoryGiBPerDevice: 40,
      },
      discovered: false,
      servedOn: ['a100-research', 'h100-prod'],
      servers: 2,
    });
    expect(output.models[1]).toMatchObject({
      discovered: true,
      servedOn: [],
      servers: 0,
    });
    expect(output.summary).toBe(
      '3 models: bge-m3, llama-3-1-8b-instruct, qwen3-32b. Served: qwen3-32b on a100-research, h100-prod',
    );
  });

  it('filters by type, owner and search text, and pages', async () => {
    const { actions } = setup();
    const embeddings = await invoke(actions, 'list-models', {
      type: 'embedding',
    });
    expect(embeddings.models.map((m: { name: string }) => m.name)).toEqual([
      'bge-m3',
    ]);

    const owned = await invoke(actions, 'list-models', {
      owner: 'ml-platform',
    });
    expect(owned.models.map((m: { name: string }) => m.name)).toEqual([
      'qwen3-32b',
    ]);

    const searched = await invoke(actions, 'list-models', { search: 'QWEN' });
    expect(searched.models.map((m: { name: string }) => m.name)).toEqual([
      'qwen3-32b',
    ]);

    const first = await invoke(actions, 'list-models', { limit: 2 });
    expect(first).toMatchObject({
      totalItems: 3,
      offset: 0,
      limit: 2,
      nextOffset: 2,
    });
    expect(first.summary).toMatch(
      /^1-2 of 3 models: bge-m3, llama-3-1-8b-instruct\./,
    );
    const second = await invoke(actions, 'list-models', {
      limit: 2,
      offset: first.nextOffset,
    });
    expect(second.models.map((m: { name: string }) => m.name)).toEqual([
      'qwen3-32b',
    ]);
    expect(second.nextOffset).toBeUndefined();
  });

  it("reads the catalog with the caller's credentials", async () => {
    const { actions, catalog } = setup();
    const spy = jest.spyOn(catalog, 'queryEntities');
    const credentials = mockCredentials.user('user:default/alice');
    await invoke(actions, 'list-models', {}, credentials);
    expect(spy).toHaveBeenCalled();
    for (const call of spy.mock.calls) {
      expect(call[1]).toEqual({ credentials });
    }
  });

  it('rejects out-of-range pages and unknown types, naming the argument', async () => {
    const { actions } = setup();
    expect(
      await validationError(invoke(actions, 'list-models', { limit: 0 })),
    ).toEqual({
      arguments: ['limit'],
      problems: [expect.stringMatching(/greater than or equal to 1/)],
    });
    expect(
      await validationError(invoke(actions, 'list-models', { offset: -1 })),
    ).toEqual({
      arguments: ['offset'],
      problems: [expect.stringMatching(/greater than or equal to 0/)],
    });
    expect(
      await validationError(
        invoke(actions, 'list-models', { type: 'chatbot' }),
      ),
    ).toEqual({
      arguments: ['type'],
      problems: [expect.stringMatching(/Invalid enum value/)],
    });
  });
});
