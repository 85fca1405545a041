import { AiPlatformApi } from '@ai-platform/plugin-ai-platform-common';
import { aiPlatformApiServiceRef } from '@ai-platform/plugin-ai-platform-node';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Every kind the tests put in the catalog. */
export const ALL_KINDS = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Domain',
  'Group',
  'User',
  'Model',
  'Agent',
];

export interface CapturedError {
  entityRef: string;
  messages: string[];
}

/** A catalog module that records processing errors, as the catalog reports them. */
export function errorCaptureModule(errors: CapturedError[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-capture',
    register(env) {
      env.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.setOnProcessingErrorHandler(event => {
            const { kind, metadata } = event.unprocessedEntity;
            errors.push({
              entityRef: `${kind.toLocaleLowerCase('en-US')}:${
                metadata.namespace ?? 'default'
              }/${metadata.name}`,
              messages: event.errors.map(e => e.message),
            });
          });
        },
      });
    },
  });
}

/** Replaces the HTTP client of the ai-platform backend with an in-memory one. */
export function aiPlatformApiFactory(api: Partial<AiPlatformApi>) {
  return createServiceFactory({
    service: aiPlatformApiServiceRef,
    deps: {},
    factory: () => api as AiPlatformApi,
  });
}

/** Polls until `check` returns something, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/** Base URL of a started test backend. */
export function baseUrlOf(server: Server): string {
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

async function getJson(server: Server, path: string) {
  const response = await fetch(`${baseUrlOf(server)}${path}`, {
    headers: { Authorization: mockCredentials.user.header() },
  });
  return { status: response.status, body: await response.json() };
}

/** GET an entity from the catalog's REST API; undefined when it is not there. */
export async function getEntity(
  server: Server,
  ref: string,
): Promise<Entity | undefined> {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const { status, body } = await getJson(
    server,
    `/api/catalog/entities/by-name/${encodeURIComponent(
      kind,
    )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
  );
  return status === 200 ? (body as Entity) : undefined;
}

/** All entities matching a filter (`kind=model,spec.type=x`), through the catalog's REST API. */
export async function queryEntities(
  server: Server,
  filter: string,
): Promise<Entity[]> {
  const items: Entity[] = [];
  let query = `filter=${encodeURIComponent(filter)}&limit=1000`;
  for (;;) {
    const { status, body } = await getJson(
      server,
      `/api/catalog/entities/by-query?${query}`,
    );
    if (status !== 200) throw new Error(`by-query answered ${status}`);
    items.push(...body.items);
    const cursor = body.pageInfo?.nextCursor;
    if (!cursor) return items;
    query = `cursor=${encodeURIComponent(cursor)}&limit=1000`;
  }
}

/** `type target` strings of an entity's relations, sorted. */
export function relationsOf(entity: Entity | undefined): string[] {
  return (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}
