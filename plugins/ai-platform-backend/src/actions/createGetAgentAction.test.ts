import { invoke, registry } from './__testUtils__/fakes';
import { fakeCatalog } from './__testUtils__/catalogFixtures';
import { createGetAgentAction } from './createGetAgentAction';

describe('get-agent', () => {
  function setup() {
    const actions = registry();
    createGetAgentAction({ actionsRegistry: actions, catalog: fakeCatalog() });
    return actions;
  }

  it('resolves the models and MCP tool servers the agent uses', async () => {
    const output = await invoke(setup(), 'get-agent', {
      agent: 'cluster-doctor',
    });
    expect(output.agent).toMatchObject({
      ref: 'agent:default/cluster-doctor',
      runtime: 'kagent',
    });
    expect(output.models).toEqual([
      {
        ref: 'model:default/qwen3-32b',
        found: true,
        title: 'Qwen3 32B',
        type: 'llm',
        parameters: '32B',
        gpuMemoryGiB: 160,
      },
    ]);
    expect(output.tools).toEqual([
      {
        ref: 'api:default/kagent-tool-server',
        found: true,
        title: 'kagent tools',
        description: 'Kubernetes tools',
        type: 'mcp-server',
        urls: ['http://kagent-tools.kagent:8084/mcp'],
        toolNames: ['k8s_get_resources', 'k8s_get_pod_logs'],
      },
      { ref: 'api:default/not-registered', found: false },
    ]);
    expect(output.summary).toBe(
      'agent:default/cluster-doctor (Cluster doctor), kagent runtime: Diagnoses failing workloads on the GPU clusters. Uses model:default/qwen3-32b; tools from 2 MCP servers (2 tools). Not in the catalog: api:default/not-registered',
    );
  });

  it('answers for an agent with no models or tools', async () => {
    const output = await invoke(setup(), 'get-agent', {
      agent: 'agent:default/ticket-triage',
    });
    expect(output.models).toEqual([]);
    expect(output.tools).toEqual([]);
    expect(output.summary).toBe(
      'agent:default/ticket-triage, langgraph runtime: Sorts tickets. Uses no model; tools from 0 MCP servers',
    );
  });

  it('says when the agent is not there', async () => {
    await expect(
      invoke(setup(), 'get-agent', { agent: 'ghost' }),
    ).rejects.toThrow(
      'No Agent "ghost" in the catalog (or not visible to you); list-agents lists them',
    );
  });
});
