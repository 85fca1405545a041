import fs from 'node:fs';
import path from 'node:path';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ClusterStatus,
  emptySnapshot,
} from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import { SnapshotService } from '../snapshots/SnapshotService';
import { createClustersRouter } from './clustersRouter';
import { RouterDeps } from './router';

const openapi = parse(
  fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

type Schema = Record<string, any>;

/**
 * Checks a value against a component schema of openapi.yaml: the subset of
 * OpenAPI 3.0 the document uses ($ref, type, required, properties,
 * additionalProperties, items, enum, oneOf, allOf). Returns the problems.
 */
function problems(value: unknown, schema: Schema, at = '$'): string[] {
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return problems(value, openapi.components.schemas[name], at);
  }
  if (schema.allOf)
    return (schema.allOf as Schema[]).flatMap(s => problems(value, s, at));
  if (schema.oneOf) {
    const matching = (schema.oneOf as Schema[]).filter(
      s => problems(value, s, at).length === 0,
    );
    return matching.length === 1
      ? []
      : [`${at}: matches ${matching.length} of oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} not in ${schema.enum}`];
  const type = schema.type;
  let actual: string = typeof value;
  if (Array.isArray(value)) actual = 'array';
  if (value === null) actual = 'null';
  if (type === 'integer')
    return Number.isInteger(value) ? [] : [`${at}: not an integer`];
  if (type === 'number' || type === 'string' || type === 'boolean') {
    return actual === type ? [] : [`${at}: ${actual}, expected ${type}`];
  }
  if (type === 'array') {
    if (actual !== 'array') return [`${at}: ${actual}, expected array`];
    return (value as unknown[]).flatMap((v, i) =>
      problems(v, schema.items ?? {}, `${at}[${i}]`),
    );
  }
  if (type === 'object' || schema.properties) {
    if (actual !== 'object') return [`${at}: ${actual}, expected object`];
    const obj = value as Record<string, unknown>;
    const out = ((schema.required ?? []) as string[])
      .filter(k => !(k in obj))
      .map(k => `${at}.${k}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      const property =
        schema.properties?.[k] ??
        (typeof schema.additionalProperties === 'object'
          ? schema.additionalProperties
          : undefined);
      if (property) out.push(...problems(v, property, `${at}.${k}`));
      else if (schema.properties && schema.additionalProperties !== true)
        out.push(`${at}.${k}: not in the schema`);
    }
    return out;
  }
  return [];
}

function validator(schema: string) {
  return (value: unknown) =>
    problems(value, { $ref: `#/components/schemas/${schema}` });
}

const fresh: ClusterStatus = {
  name: 'h100-prod',
  title: 'H100 production',
  source: 'config',
  entityRef: 'resource:default/h100-prod',
  state: 'fresh',
  stale: false,
  kubernetesVersion: { gitVersion: 'v1.35.2', major: 1, minor: 35 },
  lastAttemptAt: '2026-11-20T10:00:00.000Z',
  lastSuccessAt: '2026-11-20T10:00:02.000Z',
  snapshotCollectedAt: '2026-11-20T10:00:00.000Z',
  partErrors: [
    {
      cluster: 'h100-prod',
      resource: 'pods',
      reason: 'forbidden',
      message: 'GET /api/v1/pods: HTTP 403',
      httpStatus: 403,
      at: '2026-11-20T10:00:01.000Z',
    },
  ],
  parts: {
    nodes: { status: 'ok', count: 8, durationMs: 12 },
    volcano: { status: 'not-served' },
  },
};
const stale: ClusterStatus = {
  name: 'a100-research',
  source: 'catalog',
  state: 'stale',
  stale: true,
  lastError: {
    cluster: 'a100-research',
    resource: '/version',
    reason: 'unreachable',
    message: 'cannot connect',
    at: '2026-11-20T11:00:00.000Z',
  },
  partErrors: [],
};

function app(options: { deny?: boolean } = {}) {
  const snapshots: jest.Mocked<SnapshotService> = {
    listClusters: jest.fn(async () => [stale, fresh]),
    getCluster: jest.fn(async (name: string) =>
      [fresh, stale].find(c => c.name === name),
    ),
    getLatest: jest.fn(async (name: string) => {
      if (name !== 'h100-prod') return undefined;
      const snapshot = emptySnapshot(
        { name: 'h100-prod', source: 'config' },
        fresh.snapshotCollectedAt!,
      );
      snapshot.parts = {
        kueue: { status: 'ok' },
        volcano: { status: 'not-served' },
      };
      snapshot.scheduling.kueue.clusterQueues = [
        { name: 'gpu-cluster-queue', active: true, flavors: [] },
      ];
      snapshot.scheduling.kueue.localQueues = [
        {
          namespace: 'team-nlp',
          name: 'nlp-queue',
          clusterQueue: 'gpu-cluster-queue',
        },
      ];
      return { snapshot, status: fresh };
    }),
    listLatest: jest.fn(),
    requestRefresh: jest.fn(async (name: string) => {
      if (name === 'gke')
        throw new ConflictError(
          'Cluster gke is not collected: authProvider "google" is not supported',
        );
      if (name !== 'h100-prod')
        throw new NotFoundError(`No cluster named ${name} is configured`);
    }),
    onSnapshot: jest.fn(),
  };
  const deps = {
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions({
      result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    }),
    snapshots,
  } as unknown as RouterDeps;
  const server = express()
    .use(express.json())
    .use(createClustersRouter(deps))
    .use(mockErrorHandler());
  return { server, snapshots };
}

describe('clusters router', () => {
  it('lists clusters as the OpenAPI document describes them', async () => {
    const response = await request(app().server).get('/clusters');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [stale, fresh] });
    const validate = validator('ClusterStatus');
    for (const item of response.body.items) {
      expect(validate(item)).toEqual([]);
    }
    // The check can fail.
    expect(validate({ ...fresh, state: 'sleeping', extra: 1 })).toEqual([
      '$.state: "sleeping" not in fresh,stale,pending,failed',
      '$.extra: not in the schema',
    ]);
  });

  it('returns one cluster, 404 for an unknown one and 400 for a malformed name', async () => {
    const { server } = app();
    const one = await request(server).get('/clusters/h100-prod');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(fresh);

    const missing = await request(server).get('/clusters/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No cluster named "nope" is known; GET /clusters lists them',
    );
    expect(validator('Error')(missing.body)).toEqual([]);

    const bad = await request(server).get('/clusters/-bad-');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^Invalid name "-bad-"/),
    });
  });

  it('accepts a refresh with 202 and passes on why a cluster cannot be refreshed', async () => {
    const { server, snapshots } = app();
    const accepted = await request(server).post('/clusters/h100-prod/refresh');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ accepted: true });
    expect(snapshots.requestRefresh).toHaveBeenCalledWith('h100-prod');

    expect((await request(server).post('/clusters/nope/refresh')).status).toBe(
      404,
    );
    const conflict = await request(server).post('/clusters/gke/refresh');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/authProvider "google"/);
  });

  it('lists the queues of a cluster from its served snapshot, as documented', async () => {
    const { server } = app();
    const queues = await request(server).get('/clusters/h100-prod/queues');
    expect(queues.status).toBe(200);
    expect(queues.body).toEqual({
      cluster: 'h100-prod',
      collectedAt: fresh.snapshotCollectedAt,
      stale: false,
      kueue: {
        status: 'ok',
        clusterQueues: [{ name: 'gpu-cluster-queue', active: true }],
        localQueues: [
          {
            namespace: 'team-nlp',
            name: 'nlp-queue',
            clusterQueue: 'gpu-cluster-queue',
          },
        ],
      },
      volcano: { status: 'not-installed', queues: [] },
    });
    expect(validator('ClusterQueues')(queues.body)).toEqual([]);

    const notYet = await request(server).get('/clusters/a100-research/queues');
    expect(notYet.status).toBe(404);
    expect(notYet.body.error.message).toBe(
      'Cluster "a100-research" has no snapshot yet; its queues are not known',
    );
    expect((await request(server).get('/clusters/nope/queues')).status).toBe(
      404,
    );
  });

  it('refuses callers without the permission before touching anything', async () => {
    const { server, snapshots } = app({ deny: true });
    expect((await request(server).get('/clusters')).status).toBe(403);
    expect((await request(server).get('/clusters/h100-prod')).status).toBe(403);
    expect(
      (await request(server).post('/clusters/h100-prod/refresh')).status,
    ).toBe(403);
    expect(
      (await request(server).get('/clusters/h100-prod/queues')).status,
    ).toBe(403);
    expect(snapshots.listClusters).not.toHaveBeenCalled();
    expect(snapshots.getLatest).not.toHaveBeenCalled();
    expect(snapshots.requestRefresh).not.toHaveBeenCalled();
  });

  it('documents every clusters path in openapi.yaml', () => {
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/clusters',
        '/clusters/{name}',
        '/clusters/{name}/refresh',
        '/clusters/{name}/queues',
      ]),
    );
    expect(
      openapi.paths['/clusters/{name}/refresh'].post.responses['202'],
    ).toBeDefined();
  });
});
