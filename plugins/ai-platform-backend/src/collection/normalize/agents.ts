import {
  KagentAgentSummary,
  KagentModelConfigSummary,
  KagentRemoteMcpServerSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiVersionOf,
  arr,
  conditions,
  conditionState,
  meta,
  obj,
  spec,
  status,
  str,
  strings,
  truncate,
} from './common';

/**
 * A kagent Agent. v1alpha2 nests the agent under `declarative`; v1alpha1 had
 * `modelConfig` and `tools` at the top of the spec, and `toolServer`/`ref`
 * instead of `name`.
 */
export function normalizeKagentAgent(
  raw: unknown,
  fallbackApiVersion: string,
): KagentAgentSummary {
  const m = meta(raw);
  const s = spec(raw);
  const declarative = obj(s.declarative);
  const body = Object.keys(declarative).length > 0 ? declarative : s;
  const conds = conditions(status(raw));
  const summary: KagentAgentSummary = {
    apiVersion: apiVersionOf(raw, fallbackApiVersion),
    namespace: m.namespace ?? '',
    name: m.name,
    type: str(s.type) ?? 'Declarative',
    tools: arr(body.tools).map(t => {
      const tool = obj(t);
      const out: KagentAgentSummary['tools'][number] = {
        type: str(tool.type) ?? '',
      };
      const mcp = obj(tool.mcpServer);
      const mcpName = str(mcp.name) ?? str(mcp.toolServer);
      if (mcpName) {
        out.mcpServer = { name: mcpName, toolNames: strings(mcp.toolNames) };
        if (str(mcp.kind)) out.mcpServer.kind = str(mcp.kind);
        if (str(mcp.apiGroup)) out.mcpServer.apiGroup = str(mcp.apiGroup);
      }
      const agent = obj(tool.agent);
      const agentName = str(agent.name) ?? str(agent.ref);
      if (agentName) {
        out.agent = { name: agentName };
        if (str(agent.namespace)) out.agent.namespace = str(agent.namespace);
      }
      return out;
    }),
    skills: arr(obj(body.a2aConfig).skills)
      .map(x => obj(x))
      .filter(x => str(x.id) || str(x.name))
      .map(x => ({
        id: str(x.id) ?? str(x.name)!,
        name: str(x.name) ?? str(x.id)!,
      })),
    accepted: conditionState(conds, 'Accepted'),
    ready: conditionState(conds, 'Ready'),
    labels: m.labels,
  };
  if (str(s.description))
    summary.description = truncate(str(s.description)!, 1000);
  if (str(body.modelConfig)) summary.modelConfig = str(body.modelConfig);
  return summary;
}

/** Where each provider block keeps its endpoint. */
const PROVIDER_ENDPOINTS: [string, string][] = [
  ['openAI', 'baseUrl'],
  ['anthropic', 'baseUrl'],
  ['azureOpenAI', 'azureEndpoint'],
  ['ollama', 'host'],
  ['gemini', 'baseUrl'],
];

/** A kagent ModelConfig. The API key secret it names is not kept. */
export function normalizeKagentModelConfig(
  raw: unknown,
): KagentModelConfigSummary {
  const m = meta(raw);
  const s = spec(raw);
  const summary: KagentModelConfigSummary = {
    namespace: m.namespace ?? '',
    name: m.name,
    provider: str(s.provider) ?? '',
    model: str(s.model) ?? '',
  };
  for (const [block, field] of PROVIDER_ENDPOINTS) {
    const url = str(obj(s[block])[field]);
    if (url) {
      summary.baseUrl = url;
      break;
    }
  }
  return summary;
}

export function normalizeKagentRemoteMcpServer(
  raw: unknown,
): KagentRemoteMcpServerSummary {
  const m = meta(raw);
  const s = spec(raw);
  const st = status(raw);
  const conds = conditions(st);
  const ready = conditionState(conds, 'Ready');
  const summary: KagentRemoteMcpServerSummary = {
    namespace: m.namespace ?? '',
    name: m.name,
    url: str(s.url) ?? '',
    discoveredTools: arr(st.discoveredTools)
      .map(t => str(obj(t).name))
      .filter((t): t is string => !!t),
    ready: ready === 'unknown' ? conditionState(conds, 'Accepted') : ready,
  };
  if (str(s.protocol)) summary.protocol = str(s.protocol);
  if (str(s.description))
    summary.description = truncate(str(s.description)!, 1000);
  return summary;
}
