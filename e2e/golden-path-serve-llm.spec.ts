import { expect, screenshot, test } from './fixtures';
import { waitForCollection } from './ai-platform-helpers';

// A new user runs the "Serve an LLM" golden path in the embedded demo: picks
// the catalog Model, lets the portal place it on live GPU capacity, and
// finds the new model server in the catalog, tied to its Model and cluster.

test.describe('Golden path: Serve an LLM', () => {
  test.setTimeout(240_000);

  test('serves a catalog Model where GPUs are free and puts it in the catalog', async ({
    portal,
  }) => {
    // Placement reads the clusters' last collection: wait for the first one.
    await waitForCollection(portal);

    // Published repositories outlive the in-memory catalog, so every run
    // needs its own name.
    const name = `qwen-e2e-${Date.now().toString(36)}`;

    await portal.goto('/create');
    // The innermost element holding both the title and a Choose button is the card.
    const card = portal
      .locator('div')
      .filter({ has: portal.getByRole('heading', { name: 'Serve an LLM' }) })
      .filter({ has: portal.getByTestId('template-card-actions--create') })
      .last();
    await expect(card).toBeVisible();
    await screenshot(portal, 'golden-path-templates');
    await card.getByTestId('template-card-actions--create').click();
    await expect(portal).toHaveURL(/\/create\/templates\/default\/serve-llm/);

    // Model
    await portal.getByRole('textbox', { name: /Server name/ }).fill(name);
    const model = portal.getByRole('textbox', { name: 'Model' });
    await model.click();
    // The picker lists Models by title.
    await model.fill('Qwen3 32B');
    await portal
      .getByRole('option', { name: /Qwen3 32B|qwen3-32b/ })
      .first()
      .click();
    await screenshot(portal, 'golden-path-serve-llm-model');
    await portal.getByRole('button', { name: 'Next' }).click();

    // Serving: the defaults (vLLM behind an InferencePool, download at start).
    await expect(portal.getByText('Serving stack')).toBeVisible();
    await portal.getByRole('button', { name: 'Next' }).click();

    // GPUs and placement: leave it to the portal.
    await expect(portal.getByText('GPUs per replica')).toBeVisible();
    await screenshot(portal, 'golden-path-serve-llm-gpus');
    await portal.getByRole('button', { name: 'Next' }).click();

    // Owner and repository: publish to a local repository.
    const owner = portal.getByRole('textbox', { name: 'Owner' });
    await owner.click();
    await owner.fill('Applied');
    await portal
      .getByRole('option', { name: /applied-ai|Applied AI/ })
      .first()
      .click();
    await portal.getByRole('button', { name: 'Review' }).click();

    await expect(portal.getByText(name)).toBeVisible();
    await screenshot(portal, 'golden-path-serve-llm-review');
    await portal.getByRole('button', { name: 'Create' }).click();

    // The run: placement from live capacity, manifests, validation, publish.
    await expect(portal).toHaveURL(/\/create\/tasks\//);
    const entityLink = portal.getByRole('link', {
      name: 'Model server in the catalog',
    });
    await expect(entityLink).toBeVisible({ timeout: 180_000 });
    // Qwen3 32B needs 2 GPUs of at least 48 GiB; gpu-h100-02 has exactly 2 free.
    await expect(portal.getByText(/h100-prod \/ gpu-h100-02/)).toBeVisible();
    await expect(portal.getByText(/2 × NVIDIA-H100-80GB-HBM3/)).toBeVisible();
    await expect(
      portal.getByRole('link', { name: 'Cluster h100-prod' }),
    ).toBeVisible();
    await screenshot(portal, 'golden-path-serve-llm-result');

    // The new model server in the catalog, related to its Model and cluster.
    await entityLink.click();
    await expect(portal).toHaveURL(
      new RegExp(`/catalog/default/component/${name}`),
    );
    await expect(portal.getByText('model-server').first()).toBeVisible();
    await expect(
      portal.getByText(/Qwen3 32B on h100-prod/).first(),
    ).toBeVisible();
    // Its Model and cluster, from spec.model / spec.cluster and the dependsOn relations.
    await expect(
      portal.getByRole('link', { name: 'Qwen3 32B' }).first(),
    ).toBeVisible();
    await expect(
      portal.getByRole('link', { name: /H100 production|h100-prod/ }).first(),
    ).toBeVisible();
    await screenshot(portal, 'golden-path-serve-llm-entity');

    // And the list of model servers has it.
    await portal.goto(
      '/?filters[kind]=component&filters[type]=model-server&filters[user]=all',
    );
    await expect(
      portal.getByRole('link', { name: /Qwen3 32B on h100-prod/ }).first(),
    ).toBeVisible();
    await screenshot(portal, 'golden-path-serve-llm-catalog');
  });
});
