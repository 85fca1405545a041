import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiPlatformApiRef } from './api';
import { aiPlatformExtensions, aiPlatformPlugin } from './plugin';
import { createFakeAiPlatformApi } from './testing/fakeApi';
import { aiEntities } from './testing/entities';

describe('aiPlatformPlugin', () => {
  it('provides aiPlatformApiRef through AiPlatformClient, discovery and fetch', async () => {
    const tester = createExtensionTester(aiPlatformExtensions.aiPlatformApi);
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe('plugin.ai-platform.api');
    const fetch = jest.fn(
      async () => new Response(JSON.stringify({ items: [] }), { status: 200 }),
    );
    const client = (factory.factory as any)({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch },
    });
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(factory.deps.discoveryApi).toBe(discoveryApiRef);
    expect(factory.deps.fetchApi).toBe(fetchApiRef);
    await expect(client.listClusters()).resolves.toEqual({ items: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/ai-platform/clusters',
      expect.anything(),
    );
  });

  it('serves the AI Platform page with one tab per view, opening on the overview', async () => {
    renderTestApp({
      features: [aiPlatformPlugin],
      apis: [
        [aiPlatformApiRef, createFakeAiPlatformApi()],
        catalogApiMock({ entities: aiEntities }),
      ],
      initialRouteEntries: ['/ai-platform'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('table', { name: 'Cluster health' }),
    ).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab').map(t => t.textContent);
    expect(tabs).toEqual([
      'Overview',
      'GPU inventory',
      'Conformance',
      'Models and agents',
    ]);
    await userEvent.click(screen.getByRole('tab', { name: 'Conformance' }));
    expect(
      await screen.findByRole('table', { name: /Conformance matrix/ }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('tab', { name: 'Models and agents' }),
    );
    const models = await screen.findByRole('table', { name: 'Models' });
    expect(
      within(models).getByText('Llama 3.1 70B Instruct'),
    ).toBeInTheDocument();
  });
});
