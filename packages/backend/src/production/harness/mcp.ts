/** Raw JSON-RPC over the MCP Streamable HTTP endpoint, for requests an SDK client would never send. */
export interface McpResponse {
  status: number;
  /** The JSON-RPC message (from the SSE `data:` line or the JSON body), or the raw text. */
  body: any;
  text: string;
}

export async function mcpPost(
  baseUrl: string,
  token: string | undefined,
  body: unknown,
  options: { path?: string; headers?: Record<string, string> } = {},
): Promise<McpResponse> {
  const response = await fetch(
    `${baseUrl}/api/mcp-actions/v1${options.path ?? ''}`,
    {
      method: 'POST',
      headers: {
        Accept: 'application/json, text/event-stream',
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  );
  const text = await response.text();
  const data = text
    .split('\n')
    .filter(line => line.startsWith('data: '))
    .map(line => line.slice('data: '.length));
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.length ? data[0] : text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, text };
}

let nextId = 1;

export function rpc(method: string, params?: unknown) {
  return {
    jsonrpc: '2.0',
    id: nextId++,
    method,
    ...(params ? { params } : {}),
  };
}

export const INITIALIZE = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'ai-platform-production-tests', version: '1.0.0' },
};

/** tools/list: the names of the tools the caller sees. */
export async function listToolNames(
  baseUrl: string,
  token: string,
): Promise<string[]> {
  const res = await mcpPost(baseUrl, token, rpc('tools/list'));
  if (res.status !== 200 || !res.body?.result) {
    throw new Error(
      `tools/list failed: ${res.status} ${res.text.slice(0, 500)}`,
    );
  }
  return res.body.result.tools.map((t: { name: string }) => t.name);
}

/** tools/call: the JSON-RPC result (`isError`, `content`, `structuredContent`). */
export async function callTool(
  baseUrl: string,
  token: string,
  name: string,
  args: unknown,
): Promise<McpResponse> {
  return mcpPost(baseUrl, token, rpc('tools/call', { name, arguments: args }));
}
