import { renderInTestApp } from '@backstage/frontend-test-utils';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiPlatformApiRef } from '../../api';
import { createFakeAiPlatformApi, pending } from '../../testing/fakeApi';
import { ConformancePage } from './ConformancePage';

function render(api = createFakeAiPlatformApi(), url = '/') {
  const toast = { post: jest.fn(() => ({ close: () => {} })) };
  renderInTestApp(<ConformancePage />, {
    apis: [
      [aiPlatformApiRef, api],
      [toastApiRef, toast],
    ],
    initialRouteEntries: [url],
  });
  return { api, toast };
}

describe('ConformancePage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the matrix grouped by MUST/SHOULD and category, with verdicts in words', async () => {
    render();
    const table = await screen.findByRole('table', {
      name: 'Conformance matrix, checklist 1.35',
    });
    const headers = within(table)
      .getAllByRole('rowheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'MUST requirements',
      'Accelerators',
      expect.stringContaining('Dynamic Resource Allocation'),
      'Networking',
      expect.stringContaining('Gateway API inference extension'),
      'Scheduling and orchestration',
      expect.stringContaining('Gang scheduling'),
      'SHOULD requirements',
      'Observability',
      expect.stringContaining('Accelerator metrics'),
    ]);
    const dra = within(table)
      .getByText('Dynamic Resource Allocation')
      .closest('tr')!;
    expect(
      within(dra)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['Pass', 'Unknown']);
    const inference = within(table)
      .getByText('Gateway API inference extension')
      .closest('tr')!;
    expect(
      within(inference)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['Partial', 'Unknown']);
    expect(
      within(inference).getByText('no KAR · ai_inference', { exact: false }),
    ).toBeInTheDocument();
    const header = within(table).getAllByRole('columnheader')[1];
    expect(header).toHaveTextContent('h100-prod');
    expect(header).toHaveTextContent('MUSTs passed 2 of 3');
    expect(header).toHaveTextContent('Not ready');
    expect(within(table).getAllByRole('columnheader')[2]).toHaveTextContent(
      'Stale',
    );
  });

  it('switches checklist version and marks drafts', async () => {
    const { api } = render();
    const select = await screen.findByLabelText('Checklist version');
    expect(
      within(select)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['1.34', '1.35', '1.36 (draft)']);
    await userEvent.selectOptions(select, '1.36');
    await waitFor(() =>
      expect(api.getConformanceMatrix).toHaveBeenLastCalledWith({
        checklistVersion: '1.36',
      }),
    );
    expect(
      await screen.findByText(/Checklist 1.36 is a draft/),
    ).toBeInTheDocument();
  });

  it('opens a requirement with its description, KAR, limits and evidence per cluster', async () => {
    const { api } = render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Dynamic Resource Allocation',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'KAR-0051: Dynamic Resource Allocation',
    });
    expect(
      within(dialog).getByText(
        'Dynamic Resource Allocation: what the program asks.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/official test: dra-allocation/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getAllByText(
        'Whether a claim is actually allocated end to end needs an active test.',
      ).length,
    ).toBeGreaterThan(0);
    const evidence = await within(dialog).findByRole('table', {
      name: 'Evidence from h100-prod',
    });
    expect(
      within(evidence).getByText('DeviceClass gpu.nvidia.com is served'),
    ).toBeInTheDocument();
    expect(within(evidence).getByText('strong, for')).toBeInTheDocument();
    expect(
      within(evidence).getByText(
        'DeviceClass gpu.nvidia.com (resource.k8s.io/v1)',
      ),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText(/Evaluated on the last good snapshot/),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('h100-prod', {
      checklistVersion: '1.35',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it("shows a cluster's verdict history", async () => {
    const { api } = render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'History and PRODUCT.yaml of h100-prod',
      }),
    );
    const history = await screen.findByRole('table', {
      name: 'Verdict history of h100-prod',
    });
    const rows = within(history).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ai_inference');
    expect(rows[1]).toHaveTextContent('Pass→Partial');
    expect(rows[2]).toHaveTextContent('new→Pass');
    expect(api.getConformanceHistory).toHaveBeenCalledWith('h100-prod', {
      limit: 100,
    });
  });

  it('downloads PRODUCT.yaml as <cluster>-PRODUCT.yaml', async () => {
    const blobs: Blob[] = [];
    (URL as any).createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:product';
    });
    (URL as any).revokeObjectURL = jest.fn();
    const downloads: string[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });
    const { api } = render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Download PRODUCT.yaml for h100-prod',
      }),
    );
    await waitFor(() => expect(downloads).toEqual(['h100-prod-PRODUCT.yaml']));
    expect(api.getProductYaml).toHaveBeenCalledWith('h100-prod', {
      checklistVersion: '1.35',
    });
    expect(await blobs[0].text()).toContain('name: h100-prod');
  });

  it('tells the user when the download fails', async () => {
    const api = createFakeAiPlatformApi({
      getProductYaml: () => Promise.reject(new Error('no scorecard yet')),
    });
    const { toast } = render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Download PRODUCT.yaml for a100-research',
      }),
    );
    await waitFor(() =>
      expect(toast.post).toHaveBeenCalledWith(
        expect.objectContaining({
          status: 'danger',
          description: 'no scorecard yet',
        }),
      ),
    );
  });

  it('shows loading, error and empty states', async () => {
    const loading = render(
      createFakeAiPlatformApi({ getConformanceMatrix: () => pending() }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    loading.api.getConformanceMatrix.mockClear();
  });

  it('shows an error panel when the matrix fails', async () => {
    render(
      createFakeAiPlatformApi({
        getConformanceMatrix: () => Promise.reject(new Error('matrix failed')),
      }),
    );
    expect(
      (await screen.findAllByText(/matrix failed/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows an empty state when no cluster has a scorecard', async () => {
    render(
      createFakeAiPlatformApi({
        getConformanceMatrix: async () => ({
          checklistVersion: '1.35',
          requirements: [],
          clusters: [],
        }),
      }),
    );
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });
});
