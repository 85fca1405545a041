import fs from 'node:fs';
import { expect, screenshot, test } from './fixtures';
import {
  demoClusters,
  expectations,
  mustsPassed,
  rowCells,
  verdictLabel,
  waitForCollection,
} from './ai-platform-helpers';

const sum = (pick: (c: (typeof expectations)[string]) => number) =>
  demoClusters.reduce((total, c) => total + pick(expectations[c]), 0);

test.describe('AI Platform pages', () => {
  test.beforeEach(async ({ portal }) => {
    await waitForCollection(portal);
  });

  test('overview: cluster health, fleet GPUs by product and cluster, readiness, recent changes', async ({
    portal,
  }) => {
    const totals = portal.getByRole('list', { name: 'Fleet totals' });
    await expect(
      totals.getByRole('listitem').filter({ hasText: 'Physical GPUs' }),
    ).toContainText(String(sum(c => c.gpus.physical)));
    await expect(
      totals.getByRole('listitem').filter({ hasText: 'Allocated units' }),
    ).toContainText(String(sum(c => c.gpus.allocated)));
    await expect(
      totals.getByRole('listitem').filter({ hasText: 'Free units' }),
    ).toContainText(String(sum(c => c.gpus.free)));

    for (const cluster of demoClusters) {
      const e = expectations[cluster];
      const cells = await rowCells(portal, 'GPUs by cluster', cluster);
      expect(cells.slice(1)).toEqual(
        [e.gpuNodes, e.gpus.physical, e.gpus.allocated, e.gpus.free].map(
          String,
        ),
      );
      const health = await rowCells(portal, 'Cluster health', cluster);
      expect(health[2]).toBe(e.kubernetesVersion);
    }
    const h100 = expectations['h100-prod'].byProduct[0];
    const product = await rowCells(portal, 'GPUs by product', h100.product);
    expect(product.slice(-3)).toEqual(
      [h100.physical, h100.allocated, h100.allocatable - h100.allocated].map(
        String,
      ),
    );

    await expect(
      portal.getByRole('figure', { name: /GPUs by product/ }),
    ).toBeVisible();
    await expect(
      portal.getByRole('figure', { name: /GPUs by cluster/ }),
    ).toBeVisible();

    // Each cluster is scored against its own checklist, as certification would be.
    const readiness = portal.getByRole('table', {
      name: 'Conformance readiness',
    });
    await expect(readiness).toBeVisible();
    for (const cluster of ['h100-prod', 'a100-research', 'mi300x-lab']) {
      const m = mustsPassed(cluster);
      const row = readiness.getByRole('row').filter({ hasText: cluster });
      await expect(row).toContainText(expectations[cluster].checklistVersion);
      await expect(row).toContainText(`${m.pass} of ${m.total}`);
    }
    await expect(
      portal.getByRole('table', { name: 'Recent verdict changes' }),
    ).toBeVisible();
    await screenshot(portal, 'ai-platform-overview');
  });

  test('inventory: clusters, then nodes, then devices, with MIG and shared units apart', async ({
    portal,
  }) => {
    await portal.getByRole('tab', { name: 'GPU inventory' }).click();
    const clusters = portal.getByRole('table', {
      name: 'GPU inventory by cluster',
    });
    await expect(clusters).toBeVisible();
    for (const cluster of demoClusters) {
      const e = expectations[cluster];
      const cells = await rowCells(portal, 'GPU inventory by cluster', cluster);
      expect(cells.slice(1, 6)).toEqual(
        [
          e.gpuNodes,
          e.gpus.physical,
          e.gpus.allocatable,
          e.gpus.allocated,
          e.gpus.free,
        ].map(String),
      );
    }
    await screenshot(portal, 'ai-platform-inventory');

    // Level 2: one cluster.
    await clusters.getByRole('link', { name: 'h100-prod' }).click();
    await expect(portal).toHaveURL(/cluster=h100-prod/);
    const h100 = expectations['h100-prod'];
    const dra = await rowCells(
      portal,
      'DRA devices in h100-prod',
      'gpu.nvidia.com',
    );
    const driver = h100.dra.byDriver['gpu.nvidia.com'];
    expect([dra[1], dra[2], dra[4]]).toEqual(
      [driver.pools, driver.completePools, driver.devices].map(String),
    );
    const nodes = portal.getByRole('table', { name: 'GPU nodes in h100-prod' });
    await expect(nodes.getByRole('row')).toHaveCount(h100.gpuNodes + 1);

    // Level 3: one node's devices.
    const [nodeName, node] = Object.entries(h100.perNode).find(
      ([, n]) => n.physical > 0,
    )!;
    await nodes
      .getByRole('button', { name: `Show devices of ${nodeName}` })
      .click();
    const units = portal.getByRole('table', {
      name: `Schedulable units on ${nodeName}`,
    });
    await expect(units).toBeVisible();
    const unitRow = await units
      .getByRole('row')
      .nth(1)
      .locator('th, td')
      .allInnerTexts();
    expect(unitRow.slice(-4)).toEqual(
      [node.physical, node.allocatable, node.allocated, node.free].map(String),
    );
    await screenshot(portal, 'ai-platform-inventory-node');

    // MIG and time-sliced units are listed as partitions, not as GPUs.
    await portal.goto('/ai-platform/inventory?cluster=a100-research');
    const partitions = portal.getByRole('table', {
      name: 'MIG partitions and shared GPUs in a100-research',
    });
    for (const p of expectations['a100-research'].partitions) {
      const row = partitions
        .getByRole('row')
        .filter({ hasText: p.resourceName })
        .filter({
          hasText: p.kind === 'mig' ? `MIG ${p.profile}` : 'Time-sliced',
        });
      await expect(row.first()).toBeVisible();
    }
    await screenshot(portal, 'ai-platform-inventory-partitions');
  });

  test('inventory filters go to the server and narrow the nodes', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/inventory');
    const form = portal.getByRole('form', { name: 'Inventory filters' });
    await form.getByLabel('Vendor').selectOption('amd');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await expect(portal).toHaveURL(/vendor=amd/);
    const amdNodes = expectations['mi300x-lab'].gpuNodes;
    const nodes = portal.getByRole('table', { name: 'GPU nodes' });
    await expect(nodes.getByRole('row')).toHaveCount(amdNodes + 1);
    for (const row of await nodes
      .getByRole('row')
      .all()
      .then(r => r.slice(1))) {
      await expect(row).toContainText('mi300x-lab');
    }
    // More free units than any node has: nothing matches.
    await form.getByLabel('Vendor').selectOption('');
    await form.getByLabel('Min free units per node').fill('1000');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await expect(
      nodes.getByText('No GPU node matches these filters.'),
    ).toBeVisible();
    await screenshot(portal, 'ai-platform-inventory-filtered');
  });

  test('capacity fit: ranked placements when it fits, closest options when not', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/inventory');
    const form = portal.getByRole('form', { name: 'Capacity fit' });
    await form.getByLabel(/GPUs on one node/).fill('4');
    await form.getByLabel('Min memory per GPU (GiB)').fill('80');
    await form.getByRole('button', { name: 'Find capacity' }).click();
    const fits = portal.getByRole('table', { name: 'Placements that fit' });
    await expect(fits).toBeVisible();
    // H100 nodes have at most this many whole GPUs free; MI300X nodes (192 GiB) fit too.
    expect(
      expectations['h100-prod'].fit.maxWholeGpusFreeOnOneNode,
    ).toBeGreaterThanOrEqual(4);
    await expect(fits).toContainText('h100-prod');
    await expect(fits).toContainText('mi300x-lab');
    await expect(
      portal.getByRole('status').filter({ hasText: /./ }).first(),
    ).toBeVisible();
    await screenshot(portal, 'ai-platform-capacity-fit');

    const tooMany =
      Math.max(
        ...demoClusters.map(c => expectations[c].fit.maxWholeGpusFreeOnOneNode),
      ) + 1;
    await form.getByLabel(/GPUs on one node/).fill(String(tooMany));
    await form.getByRole('button', { name: 'Find capacity' }).click();
    await expect(
      portal.getByRole('table', { name: 'Closest options' }),
    ).toBeVisible();
    await expect(fits).toHaveCount(0);
  });

  test('conformance: matrix with verdicts per checklist, requirement evidence, history and PRODUCT.yaml', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/conformance');
    const select = portal.getByLabel('Checklist version');
    await expect(
      select.locator('option', { hasText: '(draft)' }).first(),
    ).toBeAttached();
    await select.selectOption(expectations['h100-prod'].checklistVersion);
    const table = portal.getByRole('table', {
      name: `Conformance matrix, checklist ${expectations['h100-prod'].checklistVersion}`,
    });
    await expect(table).toBeVisible();

    const m = mustsPassed('h100-prod');
    await expect(
      table.getByRole('columnheader').filter({ hasText: 'h100-prod' }),
    ).toContainText(`MUSTs passed ${m.pass} of ${m.total}`);
    for (const [id, r] of Object.entries(
      expectations['h100-prod'].conformance,
    )) {
      await expect(
        table.locator(
          `tr[data-requirement="${id}"] td[data-cluster="h100-prod"]`,
        ),
      ).toHaveText(verdictLabel[r.verdict]);
    }
    await screenshot(portal, 'ai-platform-conformance');

    // A requirement's detail: description, limits and evidence per cluster.
    await table.locator('tr[data-requirement="dra_support"] th button').click();
    const dialog = portal.getByRole('dialog');
    await expect(
      dialog.getByText('What read-only evidence cannot prove'),
    ).toBeVisible();
    await expect(
      dialog.getByRole('table', { name: 'Evidence from h100-prod' }),
    ).toBeVisible();
    await screenshot(portal, 'ai-platform-requirement');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // History and PRODUCT.yaml of a cluster.
    await table
      .getByRole('button', { name: 'History and PRODUCT.yaml of h100-prod' })
      .click();
    await expect(
      portal.getByRole('table', { name: 'Verdict history of h100-prod' }),
    ).toBeVisible();
    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      portal
        .getByRole('button', { name: 'Download PRODUCT.yaml for h100-prod' })
        .last()
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('h100-prod-PRODUCT.yaml');
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/dra_support|KAR-/);
    await screenshot(portal, 'ai-platform-conformance-history');

    // A draft checklist is marked.
    const draft = await select
      .locator('option', { hasText: '(draft)' })
      .first()
      .getAttribute('value');
    await select.selectOption(draft!);
    await expect(
      portal.getByText(`Checklist ${draft} is a draft`),
    ).toBeVisible();
  });

  test('models and agents: catalog tables with owners and where models are served', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/models-and-agents');
    await expect(portal.getByRole('table', { name: 'Models' })).toBeVisible();
    await expect(portal.getByRole('table', { name: 'Agents' })).toBeVisible();
    const servers = portal.getByRole('table', { name: 'Model servers' });
    // Every discovered model server of the demo clusters is in the catalog.
    for (const cluster of demoClusters) {
      for (const s of expectations[cluster].discovery.modelServers) {
        await expect(
          servers.getByRole('row').filter({ hasText: s.name }).first(),
        ).toBeVisible();
      }
    }
    await screenshot(portal, 'ai-platform-models-and-agents');
  });
});
