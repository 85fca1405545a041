import { expect, screenshot, test } from './fixtures';

test('a guest signs in and sees the example catalog', async ({ portal }) => {
  await expect(portal.getByRole('heading', { name: /Catalog/ })).toBeVisible();
  // All components, not only the guest's own: other specs (the golden path)
  // may have given the guest's group a component of its own by now.
  await portal.goto('/?filters[kind]=component&filters[user]=all');
  await expect(
    portal.getByRole('link', { name: 'AI Platform for Backstage' }),
  ).toBeVisible();

  await portal.goto('/?filters[kind]=resource&filters[user]=all');
  for (const cluster of [
    'H100 production (us-east-1)',
    'A100 research (eu-west-1)',
    'MI300X lab (on-prem)',
  ]) {
    await expect(portal.getByRole('link', { name: cluster })).toBeVisible();
  }
  await screenshot(portal, 'catalog-clusters');
});

test('the AI Platform page is in the sidebar', async ({ portal }) => {
  await portal.getByRole('link', { name: 'AI Platform' }).click();
  await expect(portal).toHaveURL(/\/ai-platform\/overview/);
  await expect(portal.getByRole('tab', { name: 'Overview' })).toBeVisible();
  await expect(
    portal.getByRole('table', { name: 'Cluster health' }),
  ).toBeVisible();
  await screenshot(portal, 'ai-platform-page');
});
