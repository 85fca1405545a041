import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { aiPlatformApiRef } from '../../api';
import { createFakeAiPlatformApi, pending } from '../../testing/fakeApi';
import { OverviewPage } from './OverviewPage';

function render(api = createFakeAiPlatformApi()) {
  return renderInTestApp(<OverviewPage />, { apis: [[aiPlatformApiRef, api]] });
}

describe('OverviewPage', () => {
  it('shows cluster health, with why a stale cluster is stale and when it was last seen', async () => {
    await render();
    const table = await screen.findByRole('table', { name: 'Cluster health' });
    const rows = within(table).getAllByRole('row');
    const stale = rows.find(r => r.textContent?.includes('a100-research'))!;
    expect(within(stale).getByText('Stale')).toBeInTheDocument();
    expect(stale).toHaveTextContent('connect ECONNREFUSED 127.0.0.1:17442');
    expect(stale).toHaveTextContent(/ago/);
    const fresh = rows.find(r => r.textContent?.includes('h100-prod'))!;
    expect(within(fresh).getByText('Fresh')).toBeInTheDocument();
    const pendingRow = rows.find(r => r.textContent?.includes('mi300x-lab'))!;
    expect(within(pendingRow).getByText('Pending')).toBeInTheDocument();
    expect(pendingRow).toHaveTextContent('never');
  });

  it('shows fleet GPU totals and per-product and per-cluster tables from the backend numbers', async () => {
    await render();
    const totals = await screen.findByRole('list', { name: 'Fleet totals' });
    expect(within(totals).getByText('34')).toBeInTheDocument();
    expect(within(totals).getByText('23')).toBeInTheDocument();
    expect(within(totals).getByText('24')).toBeInTheDocument();

    const products = screen.getByRole('table', { name: 'GPUs by product' });
    const h100 = within(products)
      .getAllByRole('row')
      .find(r => r.textContent?.includes('H100'))!;
    expect(
      within(h100)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['NVIDIA', '79.6 GiB', '1', '4', '32', '20', '12']);
    const byCluster = screen.getByRole('table', { name: 'GPUs by cluster' });
    expect(
      within(byCluster).getByText('a100-research').closest('tr'),
    ).toHaveTextContent('Stale');
    // Charts are labelled figures with a text description.
    expect(
      screen.getByRole('figure', { name: /GPUs by product/ }),
    ).toBeInTheDocument();
  });

  it('shows conformance readiness per cluster and recent verdict changes', async () => {
    await render();
    const table = await screen.findByRole('table', {
      name: 'Conformance readiness',
    });
    const h100 = within(table).getByText('h100-prod').closest('tr')!;
    expect(h100).toHaveTextContent('2 of 3');
    expect(h100).toHaveTextContent('Not ready');
    // Scored against its own checklist (1.33), not the matrix's 1.35.
    const a100 = within(table).getByText('a100-research').closest('tr')!;
    expect(
      within(a100)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['v1.33.4', '1.33', '3 of 8', '0 of 1', 'Unknown']);
    const changes = await screen.findByRole('table', {
      name: 'Recent verdict changes',
    });
    expect(
      within(changes).getByText('InferencePool lost its endpoint picker'),
    ).toBeInTheDocument();
    // First evaluations are not changes.
    expect(
      within(changes).queryByText('First evaluation'),
    ).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeAiPlatformApi({
      listClusters: () => pending(),
      getFleetInventory: () => pending(),
      getConformanceMatrix: () => pending(),
    });
    await render(api);
    expect(await screen.findAllByTestId('progress')).not.toHaveLength(0);
  });

  it('shows an error panel for a failing section and keeps the others', async () => {
    const api = createFakeAiPlatformApi({
      getFleetInventory: () => Promise.reject(new Error('inventory exploded')),
    });
    await render(api);
    expect(
      (await screen.findAllByText(/inventory exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByRole('table', { name: 'Cluster health' }),
    ).toBeInTheDocument();
  });

  it('shows an empty state when no clusters are configured', async () => {
    const api = createFakeAiPlatformApi({
      listClusters: async () => ({ items: [] }),
    });
    await render(api);
    expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
  });
});
