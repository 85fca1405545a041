import fs from 'node:fs';
import path from 'node:path';
import { expect, Page } from '@playwright/test';

/** The oracle the demo clusters were written against. */
export interface ClusterExpectation {
  kubernetesVersion: string;
  checklistVersion: string;
  nodes: number;
  gpuNodes: number;
  gpus: {
    physical: number;
    allocatable: number;
    allocated: number;
    free: number;
  };
  byProduct: {
    vendor: string;
    product: string;
    memoryMiB: number;
    physical: number;
    allocatable: number;
    allocated: number;
  }[];
  partitions: {
    resourceName: string;
    kind: string;
    profile: string | null;
    allocatable: number;
    allocated: number;
    replicas?: number;
  }[];
  dra: {
    devices: number;
    allocated: number;
    byDriver: Record<
      string,
      { pools: number; completePools: number; devices: number }
    >;
  };
  fit: { schedulableFree: number; maxWholeGpusFreeOnOneNode: number };
  perNode: Record<
    string,
    {
      physical: number;
      allocatable: number;
      allocated: number;
      free: number;
      ready: boolean;
      schedulable: boolean;
    }
  >;
  conformance: Record<
    string,
    { level: 'MUST' | 'SHOULD'; verdict: string; why: string }
  >;
  discovery: {
    modelServers: {
      source: string;
      namespace: string;
      name: string;
      gpus: number;
      gpuResource: string;
      gpusPerReplica: number;
      replicas: number;
    }[];
    agents: unknown[];
    mcpServers: unknown[];
  };
}

export const demoClusters = [
  'h100-prod',
  'a100-research',
  'mi300x-lab',
] as const;

export const expectations: Record<string, ClusterExpectation> = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../packages/kube-sim/demo-expectations.json'),
    'utf8',
  ),
);

/** MUSTs passed of total, counted from the oracle's verdicts for the cluster's own checklist. */
export function mustsPassed(cluster: string): { pass: number; total: number } {
  const must = Object.values(expectations[cluster].conformance).filter(
    r => r.level === 'MUST',
  );
  return {
    pass: must.filter(r => r.verdict === 'pass').length,
    total: must.length,
  };
}

export const verdictLabel: Record<string, string> = {
  pass: 'Pass',
  partial: 'Partial',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'N/A',
};

/**
 * The first collection runs shortly after start-up. Waits on the overview
 * until every demo cluster is fresh, reloading between looks, so later
 * assertions (and requests that would 404 before collection) are stable.
 */
export async function waitForCollection(page: Page) {
  await page.goto('/ai-platform/overview');
  const table = page.getByRole('table', { name: 'Cluster health' });
  await expect(async () => {
    await page.reload();
    await expect(table).toBeVisible({ timeout: 10_000 });
    for (const cluster of demoClusters) {
      await expect(
        table.getByRole('row').filter({ hasText: cluster }).getByText('Fresh'),
      ).toBeVisible({
        timeout: 2_000,
      });
    }
  }).toPass({ timeout: 120_000, intervals: [1_000, 2_000, 5_000] });
}

/** Text of each cell of a table row, header cell included. */
export async function rowCells(
  page: Page,
  tableName: string | RegExp,
  rowText: string,
) {
  const row = page
    .getByRole('table', { name: tableName })
    .getByRole('row')
    .filter({ hasText: rowText })
    .first();
  await expect(row).toBeVisible();
  return row.locator('th, td').allInnerTexts();
}
