import {
  normalizeKagentAgent,
  normalizeKagentModelConfig,
  normalizeKagentRemoteMcpServer,
} from './agents';
import {
  kagentAgent,
  kagentModelConfig,
  kagentRemoteMcpServer,
} from '../__testUtils__/objects';

describe('kagent normalizers', () => {
  it('reads a v1alpha2 declarative Agent with its tools and skills', () => {
    expect(normalizeKagentAgent(kagentAgent, 'kagent.dev/v1alpha2')).toEqual({
      apiVersion: 'kagent.dev/v1alpha2',
      namespace: 'kagent',
      name: 'k8s-agent',
      type: 'Declarative',
      description: 'An Kubernetes Expert AI Agent',
      modelConfig: 'default-model-config',
      tools: [
        {
          type: 'McpServer',
          mcpServer: {
            name: 'kagent-tool-server',
            kind: 'RemoteMCPServer',
            apiGroup: 'kagent.dev',
            toolNames: ['k8s_get_resources', 'k8s_get_pod_logs'],
          },
        },
        { type: 'Agent', agent: { name: 'helm-agent', namespace: 'kagent' } },
      ],
      skills: [{ id: 'cluster-diagnostics', name: 'Cluster Diagnostics' }],
      accepted: true,
      ready: true,
      labels: { team: 'platform' },
    });
  });

  it('reads a v1alpha1 Agent (fields at the top of the spec, toolServer names)', () => {
    const agent = normalizeKagentAgent(
      {
        apiVersion: 'kagent.dev/v1alpha1',
        metadata: { name: 'helm-agent', namespace: 'kagent' },
        spec: {
          description: 'Helm expert',
          modelConfig: 'default-model-config',
          tools: [
            {
              type: 'McpServer',
              mcpServer: {
                toolServer: 'kagent-tool-server',
                toolNames: ['helm_list_releases'],
              },
            },
          ],
        },
      },
      'kagent.dev/v1alpha1',
    );
    expect(agent).toMatchObject({
      apiVersion: 'kagent.dev/v1alpha1',
      type: 'Declarative',
      modelConfig: 'default-model-config',
      tools: [
        {
          type: 'McpServer',
          mcpServer: {
            name: 'kagent-tool-server',
            toolNames: ['helm_list_releases'],
          },
        },
      ],
      accepted: 'unknown',
    });
  });

  it('reads a ModelConfig without its API key secret', () => {
    const config = normalizeKagentModelConfig(kagentModelConfig);
    expect(config).toEqual({
      namespace: 'kagent',
      name: 'default-model-config',
      provider: 'OpenAI',
      model: 'gpt-4.1-mini',
      baseUrl: 'http://vllm.llm.svc:8000/v1',
    });
    expect(JSON.stringify(config)).not.toContain('kagent-openai');
  });

  it('reads a RemoteMCPServer with its discovered tools', () => {
    expect(normalizeKagentRemoteMcpServer(kagentRemoteMcpServer)).toEqual({
      namespace: 'kagent',
      name: 'kagent-tool-server',
      url: 'http://kagent-tools.kagent:8084/mcp',
      protocol: 'STREAMABLE_HTTP',
      description: 'Kubernetes tools',
      discoveredTools: ['k8s_get_resources', 'k8s_get_pod_logs'],
      ready: true,
    });
  });
});
