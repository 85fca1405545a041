import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { aiPlatformApiRef } from '../../api';
import { createFakeAiPlatformApi } from '../../testing/fakeApi';
import { aiEntities } from '../../testing/entities';
import { ModelsAndAgentsPage } from './ModelsAndAgentsPage';

function render(catalog = catalogApiMock({ entities: aiEntities })) {
  return renderInTestApp(<ModelsAndAgentsPage />, {
    apis: [catalog, [aiPlatformApiRef, createFakeAiPlatformApi()]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('ModelsAndAgentsPage', () => {
  it('lists models with owner, lifecycle, GPU needs and where they are served', async () => {
    render();
    const models = await screen.findByRole('table', { name: 'Models' });
    const llama = within(models)
      .getByText('Llama 3.1 70B Instruct')
      .closest('tr')!;
    expect(
      within(llama).getByRole('link', { name: 'Llama 3.1 70B Instruct' }),
    ).toHaveAttribute('href', '/catalog/default/model/llama-3-1-70b-instruct');
    expect(llama).toHaveTextContent('applied-ai');
    expect(llama).toHaveTextContent('production');
    expect(llama).toHaveTextContent('320 GiB on 4 GPUs');
    expect(
      within(llama).getByRole('link', { name: 'llama-3-70b-h100-prod' }),
    ).toBeInTheDocument();
    expect(
      within(llama).getByRole('link', { name: 'h100-prod' }),
    ).toHaveAttribute('href', '/catalog/default/resource/h100-prod');
    const bge = within(models).getByText('bge-m3').closest('tr')!;
    expect(bge).toHaveTextContent('Not served');
  });

  it('lists agents with their models, MCP tools, runtime and A2A card', async () => {
    render();
    const agents = await screen.findByRole('table', { name: 'Agents' });
    const doctor = within(agents).getByText('Cluster doctor').closest('tr')!;
    expect(doctor).toHaveTextContent('kagent');
    expect(
      within(doctor).getByRole('link', { name: 'llama-3-1-70b-instruct' }),
    ).toBeInTheDocument();
    expect(
      within(doctor).getByRole('link', { name: 'kagent-tool-server' }),
    ).toHaveAttribute('href', '/catalog/default/api/kagent-tool-server');
    expect(
      within(doctor).getByRole('link', { name: /Agent card/ }),
    ).toHaveAttribute(
      'href',
      'https://agents.example.com/cluster-doctor/.well-known/agent-card.json',
    );
    const servers = screen.getByRole('table', { name: 'Model servers' });
    expect(
      within(servers).getByRole('link', { name: 'llama-3-1-70b-instruct' }),
    ).toBeInTheDocument();
  });

  it('shows an empty state for a catalog without models or agents', async () => {
    render(catalogApiMock({ entities: [] }));
    expect(
      await screen.findByText('No models or agents yet'),
    ).toBeInTheDocument();
  });

  it('shows progress, then the error when the catalog fails', async () => {
    let fail: (e: Error) => void = () => {};
    const catalog = catalogApiMock.mock({
      getEntities: jest.fn(
        () =>
          new Promise((_, reject) => {
            fail = reject;
          }),
      ) as any,
    });
    render(catalog as any);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    fail(new Error('catalog is down'));
    expect(
      (await screen.findAllByText(/catalog is down/)).length,
    ).toBeGreaterThan(0);
  });
});
