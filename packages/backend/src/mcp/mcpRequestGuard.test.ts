import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import request from 'supertest';
import {
  createMcpRequestGuard,
  decideMcpRequest,
  isMcpPath,
  readMcpGuardPolicy,
} from './mcpRequestGuard';

const demo = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007', listen: { port: 7007 } },
};

const production = {
  app: { baseUrl: 'https://portal.example.com' },
  backend: { baseUrl: 'https://portal.example.com', listen: { port: 7007 } },
  aiPlatform: {
    mcp: {
      allowedHosts: ['backstage.backstage.svc', 'gateway.internal:8443'],
      allowedOrigins: ['https://agents.example.com'],
    },
  },
};

function policyOf(data: object) {
  return readMcpGuardPolicy(mockServices.rootConfig({ data }));
}

describe('decideMcpRequest', () => {
  it('accepts the backend host and loopback hosts on any port when the backend is local', () => {
    const policy = policyOf(demo);
    for (const host of [
      'localhost:7007',
      'localhost',
      '127.0.0.1:7007',
      '[::1]:7007',
      'LOCALHOST:9999',
      '127.0.0.1:40123',
    ]) {
      expect({ host, ...decideMcpRequest(policy, { host }) }).toEqual({
        host,
        allowed: true,
      });
    }
  });

  it('rejects other hosts: the DNS-rebinding case', () => {
    const policy = policyOf(demo);
    expect(decideMcpRequest(policy, { host: 'evil.example.com' })).toEqual({
      allowed: false,
      reason: 'Host "evil.example.com" is not allowed',
    });
    expect(
      decideMcpRequest(policy, { host: 'evil.example.com:7007' }).allowed,
    ).toBe(false);
    // Other spellings of loopback are not loopback names.
    expect(decideMcpRequest(policy, { host: '2130706433:7007' }).allowed).toBe(
      false,
    );
    expect(
      decideMcpRequest(policy, { host: 'localhost.evil.example.com' }).allowed,
    ).toBe(false);
  });

  it('rejects a missing or malformed Host', () => {
    const policy = policyOf(demo);
    expect(decideMcpRequest(policy, {})).toEqual({
      allowed: false,
      reason: 'Missing Host header',
    });
    expect(decideMcpRequest(policy, { host: 'localhost:7007/evil' })).toEqual({
      allowed: false,
      reason: 'Invalid Host header "localhost:7007/evil"',
    });
    expect(decideMcpRequest(policy, { host: 'user@localhost' }).allowed).toBe(
      false,
    );
  });

  it('accepts requests without Origin (agents are not browsers), and the allowed origins', () => {
    const policy = policyOf(demo);
    expect(decideMcpRequest(policy, { host: 'localhost:7007' })).toEqual({
      allowed: true,
    });
    for (const origin of [
      'http://localhost:3000',
      'http://localhost:7007',
      'http://127.0.0.1:6274',
      'http://localhost:3000/',
    ]) {
      expect({
        origin,
        ...decideMcpRequest(policy, { host: 'localhost:7007', origin }),
      }).toEqual({
        origin,
        allowed: true,
      });
    }
  });

  it('rejects an Origin that is present and not allowed', () => {
    const policy = policyOf(demo);
    expect(
      decideMcpRequest(policy, {
        host: 'localhost:7007',
        origin: 'http://evil.example.com',
      }),
    ).toEqual({
      allowed: false,
      reason: 'Origin "http://evil.example.com" is not allowed',
    });
    for (const origin of [
      'null',
      '',
      'file://',
      'http://localhost.evil.example.com:7007',
      'chrome-extension://abc',
    ]) {
      expect({
        origin,
        ...decideMcpRequest(policy, { host: 'localhost:7007', origin }),
      }).toMatchObject({
        origin,
        allowed: false,
      });
    }
  });

  it('in production accepts only the public host, configured hosts and origins', () => {
    const policy = policyOf(production);
    const ok = (host: string, origin?: string) =>
      decideMcpRequest(policy, {
        host,
        ...(origin !== undefined ? { origin } : {}),
      }).allowed;
    expect(ok('portal.example.com')).toBe(true);
    expect(ok('portal.example.com:443')).toBe(true);
    expect(ok('backstage.backstage.svc:7007')).toBe(true);
    expect(ok('gateway.internal:8443')).toBe(true);
    expect(ok('gateway.internal:8080')).toBe(false);
    expect(ok('gateway.internal')).toBe(false);
    // Not local: loopback names are not accepted.
    expect(ok('localhost:7007')).toBe(false);
    expect(ok('portal.example.com', 'https://portal.example.com')).toBe(true);
    expect(ok('portal.example.com', 'https://agents.example.com')).toBe(true);
    expect(ok('portal.example.com', 'http://portal.example.com')).toBe(false);
    expect(ok('portal.example.com', 'http://localhost:3000')).toBe(false);
  });

  it('treats a backend listening on a loopback address as local', () => {
    const policy = policyOf({
      ...production,
      backend: {
        ...production.backend,
        listen: { host: '127.0.0.1', port: 7007 },
      },
    });
    expect(policy.allowLoopback).toBe(true);
    expect(decideMcpRequest(policy, { host: '127.0.0.1:7007' }).allowed).toBe(
      true,
    );
    expect(policyOf(production).allowLoopback).toBe(false);
  });
});

describe('readMcpGuardPolicy', () => {
  it('names the config key of a bad entry', () => {
    expect(() =>
      policyOf({
        ...demo,
        aiPlatform: { mcp: { allowedHosts: ['http://x.example.com'] } },
      }),
    ).toThrow(
      'aiPlatform.mcp.allowedHosts: "http://x.example.com" is not a host name or host:port',
    );
    expect(() =>
      policyOf({
        ...demo,
        aiPlatform: { mcp: { allowedOrigins: ['agents.example.com'] } },
      }),
    ).toThrow(
      'aiPlatform.mcp.allowedOrigins: "agents.example.com" is not an origin like https://agents.example.com',
    );
  });
});

describe('isMcpPath', () => {
  it('matches the MCP endpoint and below, in any case, and nothing else', () => {
    expect(isMcpPath('/api/mcp-actions')).toBe(true);
    expect(isMcpPath('/api/mcp-actions/v1')).toBe(true);
    expect(isMcpPath('/API/MCP-Actions/v1/ai-platform')).toBe(true);
    expect(isMcpPath('/api/mcp-actionsx')).toBe(false);
    expect(isMcpPath('/api/catalog/entities')).toBe(false);
    expect(
      isMcpPath('/.well-known/oauth-protected-resource/api/mcp-actions/v1'),
    ).toBe(false);
  });
});

describe('createMcpRequestGuard', () => {
  function app() {
    const logger = mockServices.logger.mock();
    const guard = createMcpRequestGuard({
      config: mockServices.rootConfig({ data: demo }),
      logger,
    });
    const server = http.createServer((req, res) =>
      guard(req, res, () => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ reached: true }));
      }),
    );
    return { server, logger };
  }

  it('answers 403 with a JSON-RPC error for a rebinding request to the MCP endpoint, and logs it', async () => {
    const { server, logger } = app();
    const response = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Host', 'evil.example.com')
      .set('Origin', 'http://evil.example.com')
      .send({ jsonrpc: '2.0', id: 1, method: 'initialize' });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'Forbidden: Host "evil.example.com" is not allowed',
      },
      id: null,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Rejected MCP request to POST /api/mcp-actions/v1: Host "evil.example.com" is not allowed',
    );
  });

  it('lets allowed MCP requests and every other path through', async () => {
    const { server } = app();
    const local = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Host', 'localhost:7007');
    expect(local.body).toEqual({ reached: true });
    const encoded = await request(server)
      .post('/api/%6Dcp-actions/v1')
      .set('Host', 'evil.example.com');
    expect(encoded.status).toBe(403);
    const other = await request(server)
      .get('/api/catalog/entities')
      .set('Host', 'evil.example.com');
    expect(other.body).toEqual({ reached: true });
    const badOrigin = await request(server)
      .post('/api/mcp-actions/v1/ai-platform')
      .set('Host', 'localhost:7007')
      .set('Origin', 'https://evil.example.com');
    expect(badOrigin.status).toBe(403);
    expect(badOrigin.body.error.message).toBe(
      'Forbidden: Origin "https://evil.example.com" is not allowed',
    );
  });
});
