import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiPlatformScorecardReadPermission } from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { MemorySnapshots } from '../conformance/__testUtils__/MemorySnapshots';
import { cluster, h100Node } from '../conformance/__testUtils__/snapshots';
import { createConformanceService } from '../conformance/createConformanceService';
import { InventoryService } from '../inventory/InventoryService';
import { WorkloadDiscoveryService } from '../discovery/WorkloadDiscoveryService';
import { createConformanceRouter } from './conformanceRouter';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function app(
  decision:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const snapshots = new MemorySnapshots();
  const logger = mockServices.logger.mock();
  const conformance = await createConformanceService({
    snapshots,
    database: mockServices.database({ knex: await databases.init('SQLITE_3') }),
    logger,
    extraChecks: [],
    extraRequirements: [],
  });
  const h100 = cluster(35, 'h100-prod');
  h100.nodes.push(h100Node('gpu-h100-01'));
  await snapshots.store(h100);
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: decision })),
    ),
  });
  const router = createConformanceRouter({
    logger,
    httpAuth: mockServices.httpAuth(),
    permissions,
    snapshots,
    conformance,
    inventory: {} as InventoryService,
    workloads: {} as WorkloadDiscoveryService,
  });
  const server = express();
  server.use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    }).error(),
  );
  return { server, permissions };
}

describe('conformance router', () => {
  it('lists the checklists', async () => {
    const { server, permissions } = await app();
    const res = await request(server).get('/checklists');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.version)).toEqual([
      '1.33',
      '1.34',
      '1.35',
      '1.36',
      '1.37',
    ]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: aiPlatformScorecardReadPermission }],
      expect.anything(),
    );
  });

  it('serves a scorecard, with a checklist override', async () => {
    const { server } = await app();
    const own = await request(server).get('/clusters/h100-prod/scorecard');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      cluster: 'h100-prod',
      checklistVersion: '1.35',
    });
    const other = await request(server).get(
      '/clusters/h100-prod/scorecard?checklist=1.37',
    );
    expect(other.body.checklistVersion).toBe('1.37');
    expect(other.body.requirements).toHaveLength(15);
  });

  it('answers 400 naming the parameter and the allowed versions for an unknown checklist', async () => {
    const { server } = await app();
    const res = await request(server).get(
      '/clusters/h100-prod/scorecard?checklist=1.32',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message:
        "Invalid query parameter 'checklist': unknown checklist version '1.32'; allowed: 1.33, 1.34, 1.35, 1.36, 1.37",
    });
    expect(
      (await request(server).get('/conformance/matrix?checklist=latest'))
        .status,
    ).toBe(400);
    expect(
      (
        await request(server).get(
          '/clusters/h100-prod/conformance/product.yaml?checklist=9',
        )
      ).status,
    ).toBe(400);
  });

  it('answers 404 for a cluster never collected', async () => {
    const { server } = await app();
    const res = await request(server).get('/clusters/nope/scorecard');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "No snapshot of cluster 'nope': unknown or never collected",
    );
    expect(
      (await request(server).get('/clusters/nope/conformance/product.yaml'))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get('/clusters/nope/conformance/history')).status,
    ).toBe(404);
  });

  it('answers 403 on every route when the permission is denied', async () => {
    const { server } = await app(AuthorizeResult.DENY);
    for (const url of [
      '/checklists',
      '/clusters/h100-prod/scorecard',
      '/conformance/matrix',
      '/clusters/h100-prod/conformance/history',
      '/clusters/h100-prod/conformance/product.yaml',
    ]) {
      const res = await request(server).get(url);
      expect([url, res.status]).toEqual([url, 403]);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });

  it('serves the matrix on the newest final checklist', async () => {
    const { server } = await app();
    const res = await request(server).get('/conformance/matrix');
    expect(res.status).toBe(200);
    expect(res.body.checklistVersion).toBe('1.36');
    expect(res.body.clusters[0]).toMatchObject({
      cluster: 'h100-prod',
      defaultChecklistVersion: '1.35',
    });
  });

  it('serves the history and validates since and limit', async () => {
    const { server } = await app();
    const res = await request(server).get(
      '/clusters/h100-prod/conformance/history?since=2026-11-01&limit=5',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0]).toMatchObject({
      cluster: 'h100-prod',
      checklistVersion: '1.35',
    });
    const badDate = await request(server).get(
      '/clusters/h100-prod/conformance/history?since=last-week',
    );
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(
      /^Invalid query parameter 'since'/,
    );
    const badLimit = await request(server).get(
      '/clusters/h100-prod/conformance/history?limit=0',
    );
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(
      /^Invalid query parameter 'limit'/,
    );
  });

  it('downloads the PRODUCT.yaml as an attachment', async () => {
    const { server } = await app();
    const res = await request(server).get(
      '/clusters/h100-prod/conformance/product.yaml?checklist=1.35',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="h100-prod-PRODUCT.yaml"',
    );
    const doc = parse(res.text);
    expect(doc.metadata.kubernetesVersion).toBe('v1.35');
    expect(Object.keys(doc.spec)).toEqual([
      'accelerators',
      'networking',
      'schedulingOrchestration',
      'observability',
      'security',
      'operator',
    ]);
  });
});

describe('openapi.yaml', () => {
  const spec = parse(
    fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const resolve = (p: any) =>
    p.$ref
      ? p.$ref
          .split('/')
          .slice(1)
          .reduce((o: any, k: string) => o[k], spec)
      : p;

  const withPath = ['200', '400', '401', '403', '404'];
  it.each([
    ['/checklists', [], ['200', '401', '403']],
    ['/clusters/{name}/scorecard', ['name', 'checklist'], withPath],
    ['/conformance/matrix', ['checklist'], ['200', '400', '401', '403']],
    [
      '/clusters/{name}/conformance/history',
      ['name', 'since', 'limit', 'checklist'],
      withPath,
    ],
    [
      '/clusters/{name}/conformance/product.yaml',
      ['name', 'checklist'],
      withPath,
    ],
  ] as [string, string[], string[]][])(
    'describes GET %s with its parameters and errors',
    (route, params, statuses) => {
      const op = spec.paths[route].get;
      expect((op.parameters ?? []).map((p: any) => resolve(p).name)).toEqual(
        params,
      );
      expect(Object.keys(op.responses).sort()).toEqual(statuses);
    },
  );

  it('lists the allowed checklist versions', () => {
    expect(spec.components.schemas.ChecklistVersion.enum).toEqual([
      '1.33',
      '1.34',
      '1.35',
      '1.36',
      '1.37',
    ]);
  });
});
