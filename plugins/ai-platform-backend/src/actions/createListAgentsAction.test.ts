import { validationError, invoke, registry } from './__testUtils__/fakes';
import { fakeCatalog } from './__testUtils__/catalogFixtures';
import { createListAgentsAction } from './createListAgentsAction';

describe('list-agents', () => {
  function setup() {
    const actions = registry();
    createListAgentsAction({
      actionsRegistry: actions,
      catalog: fakeCatalog(),
    });
    return actions;
  }

  it('lists agents with the models and MCP servers each uses', async () => {
    const output = await invoke(setup(), 'list-agents', {});
    expect(output.totalItems).toBe(2);
    expect(output.agents[0]).toEqual({
      ref: 'agent:default/cluster-doctor',
      name: 'cluster-doctor',
      title: 'Cluster doctor',
      description: 'Diagnoses failing workloads on the GPU clusters.',
      type: 'chat',
      runtime: 'kagent',
      lifecycle: 'production',
      owner: 'group:default/platform-engineering',
      models: ['model:default/qwen3-32b'],
      tools: ['api:default/kagent-tool-server', 'api:default/not-registered'],
      discovered: false,
    });
    expect(output.summary).toBe(
      '2 agents: cluster-doctor (kagent; 1 model, 2 MCP servers), ticket-triage (langgraph; 0 models, 0 MCP servers)',
    );
  });

  it('filters by runtime and by a model the agent uses', async () => {
    const actions = setup();
    const langgraph = await invoke(actions, 'list-agents', {
      runtime: 'langgraph',
    });
    expect(langgraph.agents.map((a: { name: string }) => a.name)).toEqual([
      'ticket-triage',
    ]);
    const usingQwen = await invoke(actions, 'list-agents', {
      model: 'qwen3-32b',
    });
    expect(usingQwen.agents.map((a: { name: string }) => a.name)).toEqual([
      'cluster-doctor',
    ]);
    const none = await invoke(actions, 'list-agents', {
      owner: 'group:default/nobody',
    });
    expect(none).toMatchObject({
      totalItems: 0,
      agents: [],
      summary: 'No agents match',
    });
  });

  it('rejects an unknown runtime, naming the argument', async () => {
    expect(
      await validationError(
        invoke(setup(), 'list-agents', { runtime: 'autogen' }),
      ),
    ).toEqual({
      arguments: ['runtime'],
      problems: [
        expect.stringMatching(
          /Expected 'kagent' \| 'dapr-agents' \| 'langgraph' \| 'custom'/,
        ),
      ],
    });
  });
});
