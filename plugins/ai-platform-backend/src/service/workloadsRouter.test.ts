import {
  DiscoveredWorkloads,
  emptySnapshot,
} from '@ai-platform/plugin-ai-platform-common';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { discoverWorkloads } from '../discovery/discoverWorkloads';
import { WorkloadDiscoveryService } from '../discovery/WorkloadDiscoveryService';
import { RouterDeps } from './router';
import { createWorkloadsRouter } from './workloadsRouter';

const workloads: DiscoveredWorkloads = {
  cluster: 'h100-prod',
  collectedAt: '2026-08-01T10:00:00Z',
  modelServers: [],
  agents: [],
  mcpServers: [],
};

function app(options: { allow?: boolean } = {}) {
  const service: WorkloadDiscoveryService = {
    async listDiscoveredWorkloads(query = {}) {
      if (query.cluster && query.cluster !== 'h100-prod') {
        throw new NotFoundError(`Unknown cluster '${query.cluster}'`);
      }
      return [workloads];
    },
  };
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result:
          options.allow === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const deps = {
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    permissions,
    workloads: service,
  } as unknown as RouterDeps;
  const server = express();
  server.use(createWorkloadsRouter(deps));
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, permissions };
}

describe('GET /workloads', () => {
  it('lists discovered workloads, checking the cluster read permission', async () => {
    const { server, permissions } = app();
    const response = await request(server).get('/workloads');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [workloads] });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'ai-platform.cluster.read',
          }),
        },
      ],
      expect.anything(),
    );
  });

  it('filters by cluster', async () => {
    const response = await request(app().server).get(
      '/workloads?cluster=h100-prod',
    );
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
  });

  it('answers 400 for a bad cluster name and 404 for an unknown cluster', async () => {
    const bad = await request(app().server).get('/workloads?cluster=a%20b');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/must be a cluster name/);
    const unknown = await request(app().server).get('/workloads?cluster=nope');
    expect(unknown.status).toBe(404);
  });

  it('answers 403 without the permission', async () => {
    const response = await request(app({ allow: false }).server).get(
      '/workloads',
    );
    expect(response.status).toBe(403);
  });
});

describe('openapi.yaml /workloads', () => {
  const spec = parseYaml(
    fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const schemas = spec.components.schemas;

  it('documents the one query parameter the parser accepts', () => {
    const params = spec.paths['/workloads'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(params).toEqual(['cluster']);
    expect(Object.keys(spec.paths['/workloads'].get.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
    ]);
  });

  it('documents every field discovery returns', () => {
    const snapshot = emptySnapshot({ name: 'c', source: 'config' });
    snapshot.serving.llmInferenceServices.push({
      apiVersion: 'serving.kserve.io/v1alpha2',
      namespace: 'n',
      name: 'x',
      modelUri: 'hf://a/b',
      modelName: 'a/b',
      replicas: 1,
      disaggregated: true,
      ready: true,
      url: 'http://x',
      acceleratorRequests: {},
      labels: { 'backstage.io/owner': 'team' },
    });
    snapshot.agents.kagentAgents.push({
      apiVersion: 'kagent.dev/v1alpha2',
      namespace: 'n',
      name: 'a',
      type: 'Declarative',
      description: 'd',
      tools: [],
      skills: [],
      accepted: true,
      ready: true,
      labels: { 'backstage.io/owner': 'team' },
    });
    snapshot.agents.kagentRemoteMcpServers.push({
      namespace: 'n',
      name: 'm',
      url: 'http://m',
      protocol: 'SSE',
      description: 'd',
      discoveredTools: [],
      ready: true,
    });
    snapshot.parts.kagentAgents = {
      status: 'error',
      error: {
        cluster: 'c',
        resource: 'agents',
        reason: 'forbidden',
        message: 'x',
        at: '2026-01-01T00:00:00Z',
      },
    };
    const found = discoverWorkloads(snapshot);
    const undocumented = (value: object, schema: string) =>
      Object.keys(value).filter(k => !(k in schemas[schema].properties));
    expect(undocumented(found, 'DiscoveredWorkloads')).toEqual([]);
    expect(
      undocumented(found.modelServers[0], 'DiscoveredModelServer'),
    ).toEqual([]);
    expect(undocumented(found.agents[0], 'DiscoveredAgent')).toEqual([]);
    expect(undocumented(found.mcpServers[0], 'DiscoveredMcpServer')).toEqual(
      [],
    );
  });
});
