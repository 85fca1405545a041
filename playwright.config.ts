import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (`apt-get install chromium`); the
// Playwright browser download is never used.
const port = 7107;

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/globalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-artifacts/report' }],
  ],
  outputDir: 'e2e-artifacts/results',
  webServer: {
    command:
      'yarn workspace backend start --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml',
    url: `http://localhost:${port}/api/ai-platform/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // Request logs would bury the test output; startup errors go to stderr.
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
});
