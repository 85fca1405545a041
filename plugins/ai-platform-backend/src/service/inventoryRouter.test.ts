import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { createInventoryService } from '../inventory/createInventoryService';
import {
  parseCapacityRequestBody,
  parseNodeQueryParams,
} from '../inventory/inventoryQueryParams';
import {
  FakeSnapshots,
  h100DevicePluginNode,
  l40sTimeSlicedNode,
  mi300xNode,
  node,
  pod,
  snapshotOf,
} from '../inventory/testFixtures';
import { createInventoryRouter } from './inventoryRouter';

function fleetSnapshots() {
  const snapshots = new FakeSnapshots();
  snapshots.serve(
    snapshotOf('h100-prod', {
      nodes: [
        h100DevicePluginNode('gpu-h100-01'),
        h100DevicePluginNode('gpu-h100-02'),
        h100DevicePluginNode('gpu-h100-03'),
        node('system-1'),
      ],
      pods: [
        pod('a', 'gpu-h100-01', { 'nvidia.com/gpu': 5 }),
        pod('b', 'gpu-h100-02', { 'nvidia.com/gpu': 8 }),
      ],
    }),
  );
  snapshots.serve(
    snapshotOf('lab', {
      nodes: [mi300xNode('gpu-mi300x-01'), l40sTimeSlicedNode('gpu-l40s-01')],
    }),
  );
  snapshots.known('gb200-new', 'pending');
  return snapshots;
}

function app(options: { allow?: boolean } = {}) {
  const snapshots = fleetSnapshots();
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result:
          options.allow === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const server = express();
  server.use(express.json({ limit: '64kb' }));
  server.use(
    createInventoryRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      snapshots,
      inventory: createInventoryService({ snapshots }),
    }),
  );
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, permissions };
}

describe('inventory router', () => {
  it('GET /inventory rolls up the fleet, checking the inventory read permission', async () => {
    const { server, permissions } = app();
    const response = await request(server).get('/inventory');
    expect(response.status).toBe(200);
    expect(response.body.gpus).toMatchObject({
      physical: 36,
      allocatable: 48,
      allocated: 13,
    });
    expect(
      response.body.clusters.map((c: { cluster: string }) => c.cluster),
    ).toEqual(['gb200-new', 'h100-prod', 'lab']);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'ai-platform.inventory.read',
          }),
        },
      ],
      expect.anything(),
    );
  });

  it('GET /inventory filters by repeated cluster, vendor, product and numbers', async () => {
    const { server } = app();
    const h100 = await request(server).get(
      '/inventory?cluster=h100-prod&cluster=lab&product=H100&minMemoryGiB=80&minFree=1',
    );
    expect(h100.status).toBe(200);
    expect(h100.body.gpus).toMatchObject({ physical: 16, free: 11 });
    const amd = await request(server).get('/inventory?vendor=amd');
    expect(
      amd.body.gpus.byProduct.map((p: { product: string }) => p.product),
    ).toEqual(['AMD_Instinct_MI300X_OAM']);
  });

  it('GET /clusters/:name/inventory answers without node details, 404 with a reason otherwise', async () => {
    const { server } = app();
    const ok = await request(server).get('/clusters/h100-prod/inventory');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      cluster: 'h100-prod',
      gpuNodes: 3,
      nodes: 4,
      gpus: { physical: 24 },
    });
    expect(ok.body.nodeInventory).toBeUndefined();

    const unknown = await request(server).get('/clusters/nope/inventory');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      name: 'NotFoundError',
      message: "Unknown cluster 'nope'",
    });
    const pending = await request(server).get('/clusters/gb200-new/inventory');
    expect(pending.status).toBe(404);
    expect(pending.body.error.message).toBe(
      "Cluster 'gb200-new' has no inventory yet: it has not been collected successfully (state pending)",
    );
  });

  it('GET /inventory/nodes pages through GPU nodes', async () => {
    const { server } = app();
    const first = await request(server).get('/inventory/nodes?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((n: { name: string }) => n.name)).toEqual([
      'gpu-h100-01',
      'gpu-h100-02',
    ]);
    expect(first.body).toMatchObject({ totalItems: 5, nextOffset: 2 });
    const rest = await request(server).get('/inventory/nodes?limit=2&offset=4');
    expect(rest.body.items.map((n: { name: string }) => n.name)).toEqual([
      'gpu-mi300x-01',
    ]);
    expect(rest.body.nextOffset).toBeUndefined();
    const all = await request(server).get('/inventory/nodes?gpuOnly=false');
    expect(all.body.totalItems).toBe(6);
  });

  it.each([
    [
      '/inventory?vendor=nvida',
      "Query parameter 'vendor' must be one of nvidia, amd, intel, other",
    ],
    [
      '/inventory?minMemoryGiB=-5',
      "Query parameter 'minMemoryGiB' must be a number of GiB, 0 or more",
    ],
    [
      '/inventory/nodes?limit=abc',
      "Query parameter 'limit' must be a whole number from 1 to 500",
    ],
    [
      '/inventory/nodes?limit=501',
      "Query parameter 'limit' must be a whole number from 1 to 500",
    ],
    [
      '/inventory/nodes?minFree=two',
      "Query parameter 'minFree' must be a whole number",
    ],
    ['/inventory?colour=red', "Unknown query parameter 'colour'"],
  ])('GET %s answers 400 naming the parameter', async (url, message) => {
    const response = await request(app().server).get(url);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain(message);
  });

  it('POST /capacity/fit answers where a request fits', async () => {
    const response = await request(app().server)
      .post('/capacity/fit')
      .send({ count: 3, minMemoryGiB: 80, product: 'H100' });
    expect(response.status).toBe(200);
    expect(response.body.fits.map((f: { node: string }) => f.node)).toEqual([
      'gpu-h100-01',
      'gpu-h100-03',
    ]);
    expect(response.body.skippedClusters).toEqual([
      { cluster: 'gb200-new', reason: 'not collected yet' },
    ]);
    expect(response.body.summary).toMatch(
      /^2 nodes in 1 cluster can take 3 × H100 ≥80 GiB now/,
    );
  });

  it('POST /capacity/fit answers 400 for a bad request and 413 for a huge body', async () => {
    const { server } = app();
    const bad = await request(server).post('/capacity/fit').send({ count: 65 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'count must be a whole number from 1 to 64, got 65',
    );
    const vendor = await request(server)
      .post('/capacity/fit')
      .send({ count: 1, vendor: 'acme' });
    expect(vendor.body.error.message).toBe(
      'vendor must be one of nvidia, amd, intel, other, got "acme"',
    );
    const empty = await request(server).post('/capacity/fit');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^count must be/);
    const huge = await request(server)
      .post('/capacity/fit')
      .send({
        count: 1,
        clusters: Array.from(
          { length: 5000 },
          (_, i) => `cluster-${i}-${'x'.repeat(10)}`,
        ),
      });
    expect(huge.status).toBe(413);
  });

  it('answers 403 on every route without the permission', async () => {
    const { server } = app({ allow: false });
    for (const call of [
      request(server).get('/inventory'),
      request(server).get('/inventory/nodes'),
      request(server).get('/clusters/h100-prod/inventory'),
      request(server).post('/capacity/fit').send({ count: 1 }),
    ]) {
      const response = await call;
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'Not allowed: ai-platform.inventory.read',
      );
    }
  });
});

describe('inventory router in a backend', () => {
  const testPlugin = createBackendPlugin({
    pluginId: 'ai-platform',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
        },
        async init({ httpRouter, httpAuth, permissions }) {
          const snapshots = fleetSnapshots();
          const router = express.Router();
          router.use(express.json());
          router.use(
            createInventoryRouter({
              httpAuth,
              permissions,
              snapshots,
              inventory: createInventoryService({ snapshots }),
            }),
          );
          httpRouter.use(router);
        },
      });
    },
  });

  it('serves signed-in users and refuses when the permission policy denies', async () => {
    const allowed = await startTestBackend({
      features: [
        testPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const ok = await request(allowed.server)
      .get('/api/ai-platform/inventory')
      .set('Authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    await allowed.stop();

    const denied = await startTestBackend({
      features: [
        testPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const refused = await request(denied.server)
      .post('/api/ai-platform/capacity/fit')
      .set('Authorization', mockCredentials.user.header())
      .send({ count: 1 });
    expect(refused.status).toBe(403);
    await denied.stop();
  });
});

describe('openapi.yaml inventory paths', () => {
  const spec = parseYaml(
    fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const queryParams = (p: string) =>
    (spec.paths[p].get.parameters as { $ref?: string; name?: string }[]).map(
      x => x.name ?? x.$ref!.split('/').pop(),
    );

  it('documents the query parameters the parsers accept, and nothing else', () => {
    expect(queryParams('/inventory')).toEqual([
      'cluster',
      'vendor',
      'product',
      'minMemoryGiB',
      'minFree',
    ]);
    expect(queryParams('/inventory/nodes')).toEqual([
      'cluster',
      'vendor',
      'product',
      'minMemoryGiB',
      'minFree',
      'gpuOnly',
      'offset',
      'limit',
    ]);
    for (const name of queryParams('/inventory/nodes')) {
      const query = name === 'cluster' ? 'cluster=a' : `${name}=1`;
      expect(() =>
        parseNodeQueryParams(Object.fromEntries([query.split('=')])),
      ).not.toThrow(/Unknown/);
    }
  });

  it('documents the capacity request fields the validator accepts', () => {
    const fields = Object.keys(
      spec.components.schemas.CapacityRequest.properties,
    );
    expect([...fields].sort()).toEqual([
      'allowMig',
      'allowShared',
      'clusters',
      'count',
      'includeStale',
      'limit',
      'minMemoryGiB',
      'product',
      'vendor',
    ]);
    expect(() => parseCapacityRequestBody({ count: 1, nope: true })).toThrow(
      fields.join(', '),
    );
    expect(
      spec.paths['/clusters/{name}/inventory'].get.responses['404'],
    ).toBeDefined();
  });
});
