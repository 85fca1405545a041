import { expect, screenshot, test } from './fixtures';
import { waitForCollection } from './ai-platform-helpers';

/**
 * WCAG contrast of every status badge (verdicts, cluster states, unit kinds,
 * readiness) against the background it is drawn on, computed in the page.
 */
async function badgeContrastFailures(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a] = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a === undefined || Number.isNaN(a) ? 1 : a];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      const mix = (i: number) =>
        (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / (a || 1);
      return [mix(0), mix(1), mix(2), a];
    };
    const background = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>(
        (acc, layer) => over(layer, acc),
        [255, 255, 255, 1],
      );
    };
    const luminance = ([r, g, b]: Rgba) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const failures: string[] = [];
    for (const el of Array.from(document.querySelectorAll('[data-tone]'))) {
      const fg = over(parse(getComputedStyle(el).color), background(el));
      const bg = background(el);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5)
        failures.push(
          `${el.textContent} (${el.getAttribute('data-tone')}): ${ratio.toFixed(
            2,
          )}:1`,
        );
    }
    return [...new Set(failures)];
  });
}

test.describe('AI Platform accessibility', () => {
  test.beforeEach(async ({ portal }) => {
    await waitForCollection(portal);
  });

  for (const theme of ['light', 'dark']) {
    test(`${theme} theme: status badges keep 4.5:1 contrast`, async ({
      portal,
    }) => {
      await portal.evaluate(t => localStorage.setItem('theme', t), theme);
      for (const [name, path] of [
        ['overview', '/ai-platform/overview'],
        ['conformance', '/ai-platform/conformance'],
        ['inventory', '/ai-platform/inventory?cluster=a100-research'],
      ]) {
        await portal.goto(path);
        await expect(portal.locator('[data-tone]').first()).toBeVisible();
        await portal.waitForLoadState('networkidle');
        expect(
          await badgeContrastFailures(portal),
          `${name} in the ${theme} theme`,
        ).toEqual([]);
        await screenshot(portal, `ai-platform-${theme}-${name}`);
      }
    });
  }

  test('keyboard: open a requirement, close it, change the checklist, open a node', async ({
    portal,
  }) => {
    await portal.goto('/ai-platform/conformance');
    // The first requirement of whatever checklist the matrix opens with.
    const requirement = portal
      .getByRole('table', { name: /Conformance matrix, checklist/ })
      .locator('tr[data-requirement] th button')
      .first();
    await requirement.focus();
    await portal.keyboard.press('Enter');
    const dialog = portal.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await portal.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    const select = portal.getByLabel('Checklist version');
    await select.focus();
    const before = await select.inputValue();
    await portal.keyboard.press('ArrowUp');
    await expect(select).not.toHaveValue(before);
    await expect(
      portal.getByRole('table', { name: /Conformance matrix, checklist/ }),
    ).toBeVisible();

    await portal.goto('/ai-platform/inventory?cluster=h100-prod');
    const open = portal
      .getByRole('button', { name: /^Show devices of / })
      .first();
    await open.focus();
    await portal.keyboard.press('Enter');
    await expect(
      portal.getByRole('table', { name: /^Schedulable units on / }),
    ).toBeVisible();
  });
});
