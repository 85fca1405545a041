import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotFoundError } from '@backstage/errors';
import { aiPlatformExtensions as x } from '../../plugin';
import { createFakeAiPlatformApi } from '../../testing/fakeApi';
import { renderEntity } from '../../__testUtils__/renderEntity';
import {
  clusterEntity,
  doctorAgent,
  embeddingModel,
  llamaModel,
  llamaServer,
} from '../../testing/entities';

const a100Entity: Entity = {
  ...clusterEntity,
  metadata: {
    name: 'a100',
    namespace: 'default',
    annotations: { 'ai-platform.dev/cluster-name': 'a100-research' },
  },
};

describe('cluster entity views', () => {
  it('summary card shows collection state, GPUs and MUSTs passed', async () => {
    const api = renderEntity(clusterEntity, x.clusterSummaryCard);
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(
      await screen.findByText(
        '32 physical, 20 allocated, 12 free (4 GPU nodes)',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText(/MUSTs passed 2 of 3/)).toBeInTheDocument();
    expect(screen.getByText('v1.35.1')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'GPU inventory' }).getAttribute('href'),
    ).toMatch(/\/gpu-inventory$/);
    expect(api.getCluster).toHaveBeenCalledWith('h100-prod');
  });

  it('summary card uses the cluster-name annotation and shows a stale cluster as stale, with why', async () => {
    const api = renderEntity(a100Entity, x.clusterSummaryCard);
    expect(await screen.findByText('Stale')).toBeInTheDocument();
    expect(screen.getByText(/connect ECONNREFUSED/)).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledWith('a100-research');
  });

  it('summary card offers no collection to users who may not trigger one', async () => {
    renderEntity(clusterEntity, x.clusterSummaryCard);
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Collect .* now/ }),
    ).not.toBeInTheDocument();
  });

  it('summary card explains a cluster the backend does not collect', async () => {
    renderEntity(
      clusterEntity,
      x.clusterSummaryCard,
      createFakeAiPlatformApi({
        getCluster: () => Promise.reject(new NotFoundError('no such cluster')),
      }),
    );
    expect(
      await screen.findByText(/does not collect a cluster named/),
    ).toBeInTheDocument();
  });

  it('the cluster views do not appear on other entities', async () => {
    renderEntity(llamaServer, x.clusterSummaryCard);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('GPU inventory tab shows the cluster inventory and its nodes', async () => {
    const api = renderEntity(clusterEntity, x.clusterInventoryContent);
    expect(
      await screen.findByRole('table', { name: 'GPU products in h100-prod' }),
    ).toBeInTheDocument();
    const nodes = await screen.findByRole('table', {
      name: 'GPU nodes in h100-prod',
    });
    expect(within(nodes).getAllByRole('row')).toHaveLength(5);
    expect(api.listNodes).toHaveBeenCalledWith({
      clusters: ['h100-prod'],
      offset: 0,
      limit: 25,
    });
  });

  it('AI conformance tab shows the scorecard grouped, with evidence and history', async () => {
    const api = renderEntity(clusterEntity, x.clusterConformanceContent);
    expect(await screen.findByText('MUSTs passed 2 of 3')).toBeInTheDocument();
    expect(
      screen.getByText('A MUST is partial: ai_inference'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'MUST requirements' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'SHOULD requirements' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /Dynamic Resource Allocation/ }),
    );
    const evidence = await screen.findByRole('table', {
      name: 'Evidence for dra_support',
    });
    expect(
      within(evidence).getByText('DeviceClass gpu.nvidia.com is served'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /Gateway API inference extension/ }),
    );
    expect(
      await screen.findByText(/partial is as far as read-only evidence goes/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', {
        name: 'Verdict history of h100-prod',
      }),
    ).toBeInTheDocument();
    await userEvent.selectOptions(
      await screen.findByLabelText('Checklist version'),
      '1.34',
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith('h100-prod', {
        checklistVersion: '1.34',
      }),
    );
  });

  it('AI conformance tab shows a stale scorecard as stale', async () => {
    renderEntity(a100Entity, x.clusterConformanceContent);
    expect(
      await screen.findByText(/This scorecard is from the last good snapshot/),
    ).toBeInTheDocument();
    expect(screen.getByText('was Pass')).toBeInTheDocument();
  });
});

describe('model, agent and model-server cards', () => {
  it('model card shows what the model is, where it is served and where it fits now', async () => {
    const api = renderEntity(llamaModel, x.modelCard);
    expect(
      await screen.findByText('hf://meta-llama/Llama-3.1-70B-Instruct'),
    ).toBeInTheDocument();
    expect(screen.getByText('70B parameters')).toBeInTheDocument();
    expect(screen.getByText('llama3.1')).toBeInTheDocument();
    expect(screen.getByText('320 GiB on 4 GPUs')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'llama-3-70b-h100-prod' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/1 node can take 4 × 80 GiB GPUs now/),
    ).toBeInTheDocument();
    expect(api.fitCapacity).toHaveBeenCalledWith({
      count: 4,
      minMemoryGiB: 80,
      limit: 5,
    });
  });

  it('model card without resources says what is missing instead of asking', async () => {
    const api = renderEntity(embeddingModel, x.modelCard);
    expect(
      await screen.findByText(/to see where this model fits/),
    ).toBeInTheDocument();
    expect(await screen.findByText('Not served')).toBeInTheDocument();
    expect(api.fitCapacity).not.toHaveBeenCalled();
  });

  it('agent card shows runtime, models, MCP tools and the A2A card', async () => {
    renderEntity(doctorAgent, x.agentCard);
    expect(await screen.findByText('kagent')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'llama-3-1-70b-instruct' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'kagent-tool-server' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /agent-card.json/ }),
    ).toBeInTheDocument();
  });

  it('model-server card shows the model, its cluster and the GPUs it requests', async () => {
    const api = renderEntity(llamaServer, x.modelServerCard);
    expect(
      await screen.findByText('4 × nvidia.com/gpu per replica, 2 replicas'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'llama-3-1-70b-instruct' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'h100-prod' })).toBeInTheDocument();
    expect(screen.getByText('kserve')).toBeInTheDocument();
    expect(api.listDiscoveredWorkloads).toHaveBeenCalledWith({
      cluster: 'h100-prod',
    });
  });

  it('model-server card says when the server is no longer in the snapshot', async () => {
    renderEntity(
      llamaServer,
      x.modelServerCard,
      createFakeAiPlatformApi({
        listDiscoveredWorkloads: async () => ({ items: [] }),
      }),
    );
    expect(
      await screen.findByText(
        'Not found in the latest snapshot of the cluster',
      ),
    ).toBeInTheDocument();
  });

  it('cards only appear on their kinds', async () => {
    renderEntity(clusterEntity, x.modelCard);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
