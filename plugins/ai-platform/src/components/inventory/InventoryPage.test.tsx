import { NodeInventory } from '@ai-platform/plugin-ai-platform-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiPlatformApiRef } from '../../api';
import { createFakeAiPlatformApi, pending } from '../../testing/fakeApi';
import { a100MigNode, h100Nodes, noFit } from '../../testing/fixtures';
import { InventoryPage } from './InventoryPage';

function render(api = createFakeAiPlatformApi(), url = '/') {
  renderInTestApp(<InventoryPage />, {
    apis: [[aiPlatformApiRef, api]],
    initialRouteEntries: [url],
  });
  return api;
}

describe('InventoryPage', () => {
  it('lists clusters with their GPU numbers and drills down into one', async () => {
    const api = render();
    const clusters = await screen.findByRole('table', {
      name: 'GPU inventory by cluster',
    });
    const h100 = within(clusters).getByText('h100-prod').closest('tr')!;
    expect(
      within(h100)
        .getAllByRole('cell')
        .map(c => c.textContent)
        .slice(0, 5),
    ).toEqual(['4', '32', '32', '20', '12']);
    expect(
      within(clusters).getByText('a100-research').closest('tr'),
    ).toHaveTextContent('Stale');

    await userEvent.click(
      within(clusters).getByRole('link', { name: 'a100-research' }),
    );
    expect(
      await screen.findByRole('table', {
        name: 'GPU products in a100-research',
      }),
    ).toBeInTheDocument();
    expect(api.getClusterInventory).toHaveBeenCalledWith('a100-research');
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith({
        clusters: ['a100-research'],
        offset: 0,
        limit: 25,
      }),
    );
    // The stale cluster says so, and MIG and shared units are shown apart from GPUs.
    expect(
      screen.getByText(/The last collection of a100-research failed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Could not read draResourceClaims in the last collection/,
      ),
    ).toBeInTheDocument();
    const partitions = screen.getByRole('table', {
      name: 'MIG partitions and shared GPUs in a100-research',
    });
    expect(within(partitions).getByText('MIG 1g.5gb')).toBeInTheDocument();
    expect(within(partitions).getByText('Time-sliced ×8')).toBeInTheDocument();
  });

  it('shows DRA devices by driver and pool, with incomplete pools named', async () => {
    render(undefined, '/?cluster=h100-prod');
    const dra = await screen.findByRole('table', {
      name: 'DRA devices in h100-prod',
    });
    const row = within(dra).getByText('gpu.nvidia.com').closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['2', '1', 'gpu-h100-3', '8', '2']);
  });

  it('sends the filters to the server and shows what matches', async () => {
    const api = render();
    await screen.findByRole('table', { name: 'GPU nodes' });
    const form = screen.getByRole('form', { name: 'Inventory filters' });
    await userEvent.selectOptions(
      within(form).getByLabelText('Vendor'),
      'nvidia',
    );
    await userEvent.type(within(form).getByLabelText('Product'), 'A100');
    await userEvent.type(
      within(form).getByLabelText('Min free units per node'),
      '2',
    );
    await userEvent.click(
      within(form).getByRole('button', { name: 'Apply filters' }),
    );
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenLastCalledWith({
        vendor: 'nvidia',
        product: 'A100',
        minFree: 2,
        offset: 0,
        limit: 25,
      }),
    );
    expect(api.getFleetInventory).toHaveBeenLastCalledWith({
      vendor: 'nvidia',
      product: 'A100',
      minFree: 2,
    });
    const nodes = screen.getByRole('table', { name: 'GPU nodes' });
    await waitFor(() =>
      expect(within(nodes).getAllByRole('row')).toHaveLength(2),
    );
    expect(within(nodes).getByText('gpu-a100-mig-0')).toBeInTheDocument();
  });

  it('reads filters from the URL', async () => {
    const api = render(undefined, '/?vendor=amd&minMemoryGiB=192');
    await waitFor(() =>
      expect(api.listNodes).toHaveBeenCalledWith({
        vendor: 'amd',
        minMemoryGiB: 192,
        offset: 0,
        limit: 25,
      }),
    );
    expect(
      await screen.findByText('No GPU node matches these filters.'),
    ).toBeInTheDocument();
  });

  it('pages through a large fleet on the server', async () => {
    const many = (offset: number, limit: number): NodeInventory[] =>
      Array.from({ length: limit }, (_, i) => ({
        ...h100Nodes[0],
        name: `node-${offset + i}`,
      }));
    const api = createFakeAiPlatformApi({
      listNodes: async (q = {}) => ({
        items: many(q.offset ?? 0, q.limit ?? 25),
        totalItems: 5000,
        nextOffset: (q.offset ?? 0) + (q.limit ?? 25),
      }),
    });
    render(api);
    const nodes = await screen.findByRole('table', { name: 'GPU nodes' });
    expect(within(nodes).getAllByRole('row')).toHaveLength(26);
    expect(screen.getByText('1–25 of 5000')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Go to next page' }),
    );
    expect(await screen.findByText('node-25')).toBeInTheDocument();
    expect(api.listNodes).toHaveBeenLastCalledWith({ offset: 25, limit: 25 });
  });

  it('opens a node to show its units and DRA devices', async () => {
    render();
    await screen.findByText('gpu-a100-mig-0');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show devices of gpu-a100-mig-0' }),
    );
    const units = screen.getByRole('table', {
      name: 'Schedulable units on gpu-a100-mig-0',
    });
    const mig = within(units).getByText('nvidia.com/mig-1g.5gb').closest('tr')!;
    expect(mig).toHaveTextContent('MIG 1g.5gb');
    expect(
      within(mig)
        .getAllByRole('cell')
        .map(c => c.textContent)
        .slice(3),
    ).toEqual(['1', '7', '2', '5']);
    const dra = screen.getByRole('table', {
      name: 'DRA devices on gpu-a100-mig-0',
    });
    expect(within(dra).getByText('gpu.nvidia.com')).toBeInTheDocument();
    expect(a100MigNode.draDevices).toHaveLength(1);
  });

  it('asks where a request fits and shows the ranked placements and summary', async () => {
    const api = render();
    const form = screen.getByRole('form', { name: 'Capacity fit' });
    const count = within(form).getByLabelText(/GPUs on one node/);
    await userEvent.clear(count);
    await userEvent.type(count, '4');
    await userEvent.type(within(form).getByLabelText('Product'), 'H100');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Find capacity' }),
    );
    expect(api.fitCapacity).toHaveBeenCalledWith({
      count: 4,
      minMemoryGiB: 80,
      product: 'H100',
    });
    expect(
      await screen.findByText(/1 node can take 4 × 80 GiB GPUs now/),
    ).toBeInTheDocument();
    const fits = screen.getByRole('table', { name: 'Placements that fit' });
    expect(within(fits).getByText('gpu-h100-3')).toBeInTheDocument();
    // Ranked as the backend ranked them; MIG instances named by their profile and stale marked.
    const rows = within(fits).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('gpu-h100-3');
    expect(rows[2]).toHaveTextContent('MIG 3g.40gb');
    expect(rows[2]).toHaveTextContent('Stale');
    expect(
      screen.getByText(/a100-research \(stale: last collection failed\)/),
    ).toBeInTheDocument();
  });

  it('shows the closest options when nothing fits, and rejects a bad count', async () => {
    const api = createFakeAiPlatformApi({ fitCapacity: async () => noFit });
    render(api);
    const form = screen.getByRole('form', { name: 'Capacity fit' });
    const count = within(form).getByLabelText(/GPUs on one node/);
    await userEvent.clear(count);
    await userEvent.type(count, '0');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Find capacity' }),
    );
    expect(screen.getByText('A whole number, 1 or more')).toBeInTheDocument();
    expect(api.fitCapacity).not.toHaveBeenCalled();
    await userEvent.clear(count);
    await userEvent.type(count, '16');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Find capacity' }),
    );
    expect(
      await screen.findByText(/No node has 16 free GPUs/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Closest options' }),
    ).toHaveTextContent('only 8 free on one node');
  });

  it('shows loading and error states', async () => {
    const api = createFakeAiPlatformApi({
      getFleetInventory: () => pending(),
      listNodes: () => Promise.reject(new Error('nodes unavailable')),
    });
    render(api);
    expect(
      (await screen.findAllByText(/nodes unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });
});
