import { Entity } from '@backstage/catalog-model';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiPlatformApiRef } from '../api';
import { aiEntities } from '../testing/entities';
import { createFakeAiPlatformApi, FakeAiPlatformApi } from '../testing/fakeApi';

type TestExtension = Parameters<typeof renderTestApp>[0] extends infer O
  ? O extends { extensions?: (infer E)[] }
    ? E
    : never
  : never;

/**
 * Renders an entity page with one of our extensions, the fake AI Platform
 * API and the example catalog. Users may not trigger collections unless
 * `mayRefresh`; usePermission caches answers per permission for the whole
 * test file, so keep one answer per file.
 */
export function renderEntity(
  entity: Entity,
  extension: TestExtension,
  api: FakeAiPlatformApi = createFakeAiPlatformApi(),
  options: { mayRefresh?: boolean; toast?: jest.Mock } = {},
) {
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), extension],
    apis: [
      [aiPlatformApiRef, api],
      catalogApiMock({ entities: aiEntities }),
      [
        toastApiRef,
        { post: options.toast ?? jest.fn(() => ({ close: () => {} })) },
      ],
      mockApis.permission({
        authorize: request =>
          request.permission.name === 'ai-platform.cluster.refresh' &&
          !options.mayRefresh
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ],
  });
  return api;
}
