import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import { ChecklistRequirement } from '@ai-platform/plugin-ai-platform-common';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { MemorySnapshots } from './__testUtils__/MemorySnapshots';
import { cluster, h100Node } from './__testUtils__/snapshots';
import {
  createConformanceService,
  readHistoryRetentionMs,
} from './createConformanceService';

process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  process.env.AI_PLATFORM_TEST_POSTGRES ??
  'postgresql://postgres@127.0.0.1:5432/postgres';
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function snapshotAt(
  name: string,
  minor: number,
  collectedAt: string,
  gpus = true,
) {
  const s = cluster(minor, name);
  s.collectedAt = collectedAt;
  if (gpus) s.nodes.push(h100Node(`${name}-gpu-1`));
  return s;
}

const policy: ChecklistRequirement = {
  id: 'acme_labels',
  category: 'operator',
  title: 'Owner labels',
  description: 'Every namespace carries an owner label.',
  levels: { '1.34': 'SHOULD', '1.35': 'SHOULD', '1.36': 'SHOULD' },
  signals: [],
  sources: [],
};

async function setup(
  id: TestDatabaseId = 'SQLITE_3',
  extra: {
    checks?: ConformanceCheck[];
    requirements?: {
      requirement: ChecklistRequirement;
      check: ConformanceCheck;
    }[];
  } = {},
) {
  const knex = await databases.init(id);
  const snapshots = new MemorySnapshots();
  const scheduler = mockServices.scheduler.mock();
  const service = await createConformanceService({
    snapshots,
    database: mockServices.database({ knex }),
    logger: mockServices.logger.mock(),
    extraChecks: extra.checks ?? [],
    extraRequirements: extra.requirements ?? [],
    config: mockServices.rootConfig({
      data: { aiPlatform: { history: { retention: { days: 7 } } } },
    }),
    scheduler,
  });
  return { service, snapshots, scheduler, knex };
}

describe('createConformanceService', () => {
  it('lists the five checklists', async () => {
    const { service } = await setup();
    expect(
      service
        .listChecklists()
        .map(c => [c.version, c.status, c.requirements.length]),
    ).toEqual([
      ['1.33', 'final', 9],
      ['1.34', 'final', 9],
      ['1.35', 'final', 12],
      ['1.36', 'final', 14],
      ['1.37', 'draft', 15],
    ]);
  });

  it('scores the served snapshot, caches it, and returns undefined for unknown clusters', async () => {
    const { service, snapshots } = await setup();
    await snapshots.store(
      snapshotAt('h100-prod', 35, '2026-11-21T10:00:00.000Z'),
    );
    const first = await service.getScorecard('h100-prod');
    expect(first).toMatchObject({
      cluster: 'h100-prod',
      checklistVersion: '1.35',
      stale: false,
    });
    expect(await service.getScorecard('h100-prod')).toBe(first);
    expect(
      (await service.getScorecard('h100-prod', { checklistVersion: '1.37' }))!
        .checklistVersion,
    ).toBe('1.37');
    expect(await service.getScorecard('nope')).toBeUndefined();
    await expect(
      service.getScorecard('h100-prod', { checklistVersion: '1.0' as any }),
    ).rejects.toThrow(InputError);
  });

  it('turns verdicts unknown while the served snapshot is stale', async () => {
    const { service, snapshots } = await setup();
    await snapshots.store(snapshotAt('edge', 34, '2026-11-21T10:00:00.000Z'));
    expect((await service.getScorecard('edge'))!.stale).toBe(false);
    await snapshots.store(
      snapshotAt('edge', 34, '2026-11-21T10:00:00.000Z'),
      true,
    );
    const stale = (await service.getScorecard('edge'))!;
    expect(stale.stale).toBe(true);
    expect(stale.summary.readiness).toBe('unknown');
    expect(stale.requirements.find(r => r.id === 'ai_inference')).toMatchObject(
      { verdict: 'unknown', lastKnownVerdict: 'fail' },
    );
    expect(stale.requirements[0].reason).toMatch(
      /unreachable: connect ECONNREFUSED 10.0.0.1:443/,
    );
  });

  it('builds the matrix on the newest final checklist for every cluster, telling each its own default', async () => {
    const { service, snapshots } = await setup();
    await snapshots.store(snapshotAt('b-old', 33, '2026-11-21T10:00:00.000Z'));
    await snapshots.store(snapshotAt('a-new', 35, '2026-11-21T10:00:00.000Z'));
    const matrix = await service.getMatrix();
    expect(matrix.checklistVersion).toBe('1.36');
    expect(matrix.requirements).toHaveLength(14);
    expect(
      matrix.clusters.map(c => [
        c.cluster,
        c.defaultChecklistVersion,
        Object.keys(c.verdicts).length,
      ]),
    ).toEqual([
      ['a-new', '1.35', 14],
      ['b-old', '1.33', 14],
    ]);
    expect(matrix.clusters[0].verdicts.ai_inference).toBe('fail');
    expect(matrix.clusters[0].must.total).toBe(8);
    // Each row also carries its summary against the cluster's own checklist.
    expect(
      matrix.clusters.map(c => [
        c.ownChecklist?.checklistVersion,
        c.ownChecklist?.must.total,
      ]),
    ).toEqual([
      ['1.35', 9],
      ['1.33', 8],
    ]);
    expect(
      (await service.getMatrix({ checklistVersion: '1.33' })).requirements,
    ).toHaveLength(9);
  });

  it('gives an empty matrix with the checklist columns when nothing was collected', async () => {
    const { service } = await setup();
    const matrix = await service.getMatrix();
    expect(matrix.clusters).toEqual([]);
    expect(matrix.requirements.map(r => r.id)).toContain(
      'advanced_inference_ingress',
    );
  });

  it.each(databases.eachSupportedId())(
    'records verdict history when new snapshots are stored, on %s',
    async id => {
      const { service, snapshots } = await setup(id);
      await snapshots.store(
        snapshotAt('h100-prod', 35, '2026-11-20T10:00:00.000Z'),
      );
      const withoutGpus = snapshotAt(
        'h100-prod',
        35,
        '2026-11-21T10:00:00.000Z',
        false,
      );
      await snapshots.store(withoutGpus);

      const history = await service.getHistory('h100-prod');
      // No accelerators any more: the accelerator requirements became not applicable.
      const recent = history.filter(c => c.from);
      expect(recent.map(c => [c.requirementId, c.from, c.to]).sort()).toEqual([
        ['accelerator_metrics', 'fail', 'not-applicable'],
        ['driver_runtime_management', 'partial', 'not-applicable'],
        ['gpu_sharing', 'partial', 'not-applicable'],
        ['pod_autoscaling', 'fail', 'not-applicable'],
        ['secure_accelerator_access', 'partial', 'not-applicable'],
      ]);
      expect(recent[0].at).toBe(recent[recent.length - 1].at);
      expect(history.every(c => c.checklistVersion === '1.35')).toBe(true);
      expect(history.filter(c => !c.from)).toHaveLength(12);

      const since = await service.getHistory('h100-prod', {
        since: '2026-11-21T00:00:00Z',
      });
      expect(since.every(c => c.from)).toBe(true);
      expect(await service.getHistory('h100-prod', { limit: 2 })).toHaveLength(
        2,
      );
      expect(
        (
          await service.getHistory('h100-prod', { checklistVersion: '1.33' })
        ).every(c => c.checklistVersion === '1.33'),
      ).toBe(true);
    },
  );

  it('rejects unknown clusters and bad dates in the history', async () => {
    const { service, snapshots } = await setup();
    snapshots.configured.add('pending-cluster');
    await expect(service.getHistory('nope')).rejects.toThrow(NotFoundError);
    expect(await service.getHistory('pending-cluster')).toEqual([]);
    await expect(
      service.getHistory('pending-cluster', { since: 'yesterday' }),
    ).rejects.toThrow(InputError);
  });

  it('renders the PRODUCT.yaml of a cluster and undefined for unknown ones', async () => {
    const { service, snapshots } = await setup();
    await snapshots.store(
      snapshotAt('h100-prod', 35, '2026-11-21T10:00:00.000Z'),
    );
    expect(await service.getProductYaml('h100-prod')).toMatch(
      /^# Draft PRODUCT.yaml/,
    );
    expect(await service.getProductYaml('nope')).toBeUndefined();
  });

  it("applies the extension point: adopters' checks replace built-ins and their requirements show up", async () => {
    const check: ConformanceCheck = {
      requirementId: 'gang_scheduling',
      evaluate: () => ({
        verdict: 'pass',
        reason: 'Our batch platform gang-schedules (checked by our own probe)',
        evidence: [],
      }),
    };
    const labels: ConformanceCheck = {
      requirementId: 'acme_labels',
      evaluate: s => ({
        verdict: s.namespaces.length ? 'pass' : 'fail',
        reason: `${s.namespaces.length} namespaces`,
        evidence: [],
      }),
    };
    const { service, snapshots } = await setup('SQLITE_3', {
      checks: [check],
      requirements: [{ requirement: policy, check: labels }],
    });
    await snapshots.store(
      snapshotAt('h100-prod', 35, '2026-11-21T10:00:00.000Z'),
    );
    const scorecard = (await service.getScorecard('h100-prod'))!;
    expect(
      scorecard.requirements.find(r => r.id === 'gang_scheduling'),
    ).toMatchObject({
      verdict: 'pass',
      reason: 'Our batch platform gang-schedules (checked by our own probe)',
    });
    expect(
      scorecard.requirements.find(r => r.id === 'acme_labels'),
    ).toMatchObject({ verdict: 'fail', extension: true, level: 'SHOULD' });
    const matrix = await service.getMatrix();
    expect(matrix.requirements.map(r => r.id)).toContain('acme_labels');
    expect(
      (await service.getHistory('h100-prod')).map(c => c.requirementId),
    ).toContain('acme_labels');
  });

  it('schedules the retention cleanup once across replicas and deletes old history', async () => {
    const { service, snapshots, scheduler } = await setup();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'ai-platform-conformance-history-retention',
        scope: 'global',
      }),
    );
    await snapshots.store(
      snapshotAt(
        'old',
        35,
        new Date(Date.now() - 10 * 86400_000).toISOString(),
      ),
    );
    await snapshots.store(
      snapshotAt(
        'fresh',
        35,
        new Date(Date.now() - 1 * 86400_000).toISOString(),
      ),
    );
    expect((await service.getHistory('old')).length).toBe(12);
    // 7 days of retention: the 10-day-old evaluation goes, all five versions (9+9+12+14+15 rows).
    expect(await service.cleanupHistory()).toEqual({
      changes: 59,
      verdicts: 59,
    });
    expect(await service.getHistory('old')).toEqual([]);
    expect((await service.getHistory('fresh')).length).toBe(12);
  });

  it('reads the retention from aiPlatform.history.retention, 30 days by default', () => {
    expect(
      readHistoryRetentionMs(
        mockServices.rootConfig({
          data: { aiPlatform: { history: { retention: { days: 7 } } } },
        }),
      ),
    ).toBe(7 * 86400_000);
    expect(
      readHistoryRetentionMs(
        mockServices.rootConfig({
          data: { aiPlatform: { history: { retention: 'P2D' } } },
        }),
      ),
    ).toBe(2 * 86400_000);
    expect(readHistoryRetentionMs(mockServices.rootConfig())).toBe(
      30 * 86400_000,
    );
  });
});
