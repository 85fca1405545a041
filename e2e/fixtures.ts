import { expect, Page, test as base } from '@playwright/test';
import path from 'node:path';

/** Where screenshots go; kept as test artifacts. */
export const screenshotDir = path.resolve(
  __dirname,
  '../e2e-artifacts/screenshots',
);

/**
 * A page signed in as the demo guest, failing the test on any console error
 * or uncaught page error.
 */
export const test = base.extend<{ portal: Page }>({
  portal: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', error => problems.push(`pageerror: ${error.message}`));

    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    // The sidebar's <nav> has no box of its own (its content is fixed), so wait on a link in it.
    await expect(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Catalog', exact: true }),
    ).toBeVisible();

    await use(page);

    expect(problems, 'console errors on the page').toEqual([]);
  },
});

export { expect };

export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}
