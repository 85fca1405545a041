import { expect, screenshot, test } from './fixtures';
import {
  expectations,
  mustsPassed,
  waitForCollection,
} from './ai-platform-helpers';

test.describe('AI Platform entity views', () => {
  test.beforeEach(async ({ portal }) => {
    await waitForCollection(portal);
  });

  for (const cluster of ['h100-prod', 'a100-research'] as const) {
    test(`cluster ${cluster}: summary card, GPU inventory tab and AI conformance tab`, async ({
      portal,
    }) => {
      const e = expectations[cluster];
      const m = mustsPassed(cluster);
      await portal.goto(`/catalog/default/resource/${cluster}`);
      const card = portal.getByRole('region', {
        name: 'AI Platform',
        exact: true,
      });
      await expect(card).toContainText(
        `${e.gpus.physical} physical, ${e.gpus.allocated} allocated, ${e.gpus.free} free (${e.gpuNodes} GPU nodes)`,
      );
      await expect(card).toContainText(`MUSTs passed ${m.pass} of ${m.total}`);
      await expect(card).toContainText(e.kubernetesVersion);
      await screenshot(portal, `ai-platform-entity-${cluster}`);

      await card.getByRole('link', { name: 'GPU inventory' }).click();
      await expect(portal).toHaveURL(
        new RegExp(`/catalog/default/resource/${cluster}/gpu-inventory`),
      );
      await expect(
        portal.getByRole('table', { name: `GPU products in ${cluster}` }),
      ).toBeVisible();
      await expect(
        portal
          .getByRole('table', { name: `GPU nodes in ${cluster}` })
          .getByRole('row'),
      ).toHaveCount(Math.min(e.gpuNodes, 25) + 1);
      await screenshot(portal, `ai-platform-entity-${cluster}-inventory`);

      await portal
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'AI conformance' })
        .click();
      await expect(
        portal.getByText(`MUSTs passed ${m.pass} of ${m.total}`),
      ).toBeVisible();
      await expect(portal.getByLabel('Checklist version')).toHaveValue(
        e.checklistVersion,
      );
      await expect(
        portal.getByRole('heading', { name: 'MUST requirements' }),
      ).toBeVisible();
      await screenshot(portal, `ai-platform-entity-${cluster}-conformance`);

      const [download] = await Promise.all([
        portal.waitForEvent('download'),
        portal
          .getByRole('button', { name: `Download PRODUCT.yaml for ${cluster}` })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${cluster}-PRODUCT.yaml`);
    });
  }

  test('a platform engineer collects a cluster now from its entity page', async ({
    portal,
  }) => {
    // The demo's allow-all policy lets the guest trigger collections.
    await portal.goto('/catalog/default/resource/h100-prod');
    const card = portal.getByRole('region', {
      name: 'AI Platform',
      exact: true,
    });
    await card.getByRole('button', { name: 'Collect h100-prod now' }).click();
    await expect(
      card.getByRole('button', { name: /Collect h100-prod now/ }),
    ).toHaveText(/Collecting/);
    await expect(portal.getByText('Collected h100-prod')).toBeVisible({
      timeout: 60_000,
    });
    await expect(card).toContainText('Fresh');
    await expect(card).toContainText(/last seen (just now|\d+ seconds? ago)/);
  });

  test('model, agent and model-server entities show their cards', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/models-and-agents');
    const models = portal.getByRole('table', { name: 'Models' });
    await expect(models).toBeVisible();

    // A model that is served: its card says where, and where it would fit.
    const served = models
      .getByRole('row')
      .filter({ has: portal.getByRole('cell') })
      .filter({ hasNotText: 'Not served' })
      .first();
    await served.getByRole('rowheader').getByRole('link').click();
    const modelCard = portal.getByRole('region', {
      name: 'Model',
      exact: true,
    });
    await expect(modelCard.getByText('Served on')).toBeVisible();
    await expect(modelCard.getByText('Not served')).toHaveCount(0);
    await expect(modelCard.getByText('Where it would fit now')).toBeVisible();
    await screenshot(portal, 'ai-platform-entity-model');

    // A discovered model server: model, cluster and the GPUs it requests, from the oracle.
    const server = expectations['h100-prod'].discovery.modelServers[0];
    await portal.goto('/ai-platform/models-and-agents');
    await portal
      .getByRole('table', { name: 'Model servers' })
      .getByRole('row')
      .filter({ hasText: server.name })
      .first()
      .getByRole('rowheader')
      .getByRole('link')
      .first()
      .click();
    const serverCard = portal.getByRole('region', {
      name: 'Model server',
      exact: true,
    });
    await expect(serverCard).toContainText(
      `${server.gpusPerReplica} × ${server.gpuResource}`,
    );
    await expect(serverCard).toContainText('h100-prod');
    await screenshot(portal, 'ai-platform-entity-model-server');

    // An agent: runtime, models, tools.
    await portal.goto('/ai-platform/models-and-agents');
    const agents = portal.getByRole('table', { name: 'Agents' });
    await agents
      .getByRole('row')
      .nth(1)
      .getByRole('rowheader')
      .getByRole('link')
      .click();
    const agentCard = portal.getByRole('region', {
      name: 'Agent',
      exact: true,
    });
    await expect(agentCard.getByText('Runtime')).toBeVisible();
    await expect(agentCard.getByText('MCP tools')).toBeVisible();
    await screenshot(portal, 'ai-platform-entity-agent');
  });
});
