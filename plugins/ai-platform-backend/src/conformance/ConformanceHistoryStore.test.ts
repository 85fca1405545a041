import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  ConformanceHistoryStore,
  MIGRATIONS_DIR,
} from './ConformanceHistoryStore';

// The local PostgreSQL of the dev machine and CI; the test script may set its own.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  process.env.AI_PLATFORM_TEST_POSTGRES ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  return { knex, store: new ConformanceHistoryStore(knex) };
}

const t = (iso: string) => new Date(iso);

describe('ConformanceHistoryStore', () => {
  it('runs on PostgreSQL and SQLite', () => {
    expect(databases.eachSupportedId()).toEqual([
      ['POSTGRES_15'],
      ['SQLITE_3'],
    ]);
  });

  it.each(databases.eachSupportedId())(
    'records first verdicts and then only changes, on %s',
    async id => {
      const { store } = await createStore(id);
      const first = await store.recordEvaluation({
        cluster: 'h100-prod',
        checklistVersion: '1.35',
        snapshotCollectedAt: '2026-11-20T10:00:00.000Z',
        verdicts: [
          {
            id: 'ai_inference',
            verdict: 'pass',
            reason: 'GatewayClass envoy-gateway accepted',
          },
          { id: 'gang_scheduling', verdict: 'pass', reason: 'Kueue running' },
        ],
        at: t('2026-11-20T10:00:05.000Z'),
      });
      expect(first).toEqual([
        {
          cluster: 'h100-prod',
          requirementId: 'ai_inference',
          checklistVersion: '1.35',
          to: 'pass',
          at: '2026-11-20T10:00:05.000Z',
          reason: 'GatewayClass envoy-gateway accepted',
        },
        {
          cluster: 'h100-prod',
          requirementId: 'gang_scheduling',
          checklistVersion: '1.35',
          to: 'pass',
          at: '2026-11-20T10:00:05.000Z',
          reason: 'Kueue running',
        },
      ]);

      const second = await store.recordEvaluation({
        cluster: 'h100-prod',
        checklistVersion: '1.35',
        snapshotCollectedAt: '2026-11-21T10:00:00.000Z',
        verdicts: [
          {
            id: 'ai_inference',
            verdict: 'pass',
            reason: 'GatewayClass envoy-gateway accepted',
          },
          {
            id: 'gang_scheduling',
            verdict: 'partial',
            reason: 'Kueue: CRDs without a ready controller',
          },
        ],
        at: t('2026-11-21T10:00:05.000Z'),
      });
      expect(second).toEqual([
        {
          cluster: 'h100-prod',
          requirementId: 'gang_scheduling',
          checklistVersion: '1.35',
          from: 'pass',
          to: 'partial',
          at: '2026-11-21T10:00:05.000Z',
          reason: 'Kueue: CRDs without a ready controller',
        },
      ]);

      const all = await store.getChanges('h100-prod', { limit: 10 });
      expect(all.map(c => [c.requirementId, c.from, c.to, c.at])).toEqual([
        ['gang_scheduling', 'pass', 'partial', '2026-11-21T10:00:05.000Z'],
        ['gang_scheduling', undefined, 'pass', '2026-11-20T10:00:05.000Z'],
        ['ai_inference', undefined, 'pass', '2026-11-20T10:00:05.000Z'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers what changed since a date, per version and with a limit, on %s',
    async id => {
      const { store } = await createStore(id);
      const record = (
        version: '1.35' | '1.36',
        day: number,
        verdict: 'pass' | 'fail',
      ) =>
        store.recordEvaluation({
          cluster: 'a100-research',
          checklistVersion: version,
          snapshotCollectedAt: `2026-11-${day}T00:00:00.000Z`,
          verdicts: [{ id: 'ai_inference', verdict, reason: verdict }],
          at: t(`2026-11-${day}T00:00:00.000Z`),
        });
      await record('1.35', 10, 'fail');
      await record('1.36', 10, 'fail');
      await record('1.35', 12, 'pass');
      await record('1.35', 14, 'fail');

      const since = await store.getChanges('a100-research', {
        since: t('2026-11-12T00:00:00.000Z'),
        limit: 100,
        checklistVersion: '1.35',
      });
      expect(since.map(c => [c.at, c.from, c.to])).toEqual([
        ['2026-11-14T00:00:00.000Z', 'pass', 'fail'],
        ['2026-11-12T00:00:00.000Z', 'fail', 'pass'],
      ]);
      expect(
        await store.getChanges('a100-research', {
          limit: 1,
          checklistVersion: '1.35',
        }),
      ).toHaveLength(1);
      expect(
        await store.getChanges('a100-research', {
          limit: 100,
          checklistVersion: '1.36',
        }),
      ).toHaveLength(1);
      expect(
        await store.getChanges('a100-research', { limit: 100 }),
      ).toHaveLength(4);
      expect(await store.getChanges('other', { limit: 100 })).toEqual([]);
      expect(await store.hasCluster('a100-research')).toBe(true);
      expect(await store.hasCluster('other')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes history older than the retention, on %s',
    async id => {
      const { store } = await createStore(id);
      await store.recordEvaluation({
        cluster: 'old',
        checklistVersion: '1.34',
        snapshotCollectedAt: '2026-09-01T00:00:00.000Z',
        verdicts: [
          { id: 'ai_inference', verdict: 'fail', reason: 'no Gateway API' },
        ],
        at: t('2026-09-01T00:00:00.000Z'),
      });
      await store.recordEvaluation({
        cluster: 'new',
        checklistVersion: '1.34',
        snapshotCollectedAt: '2026-11-20T00:00:00.000Z',
        verdicts: [{ id: 'ai_inference', verdict: 'pass', reason: 'accepted' }],
        at: t('2026-11-20T00:00:00.000Z'),
      });
      expect(
        await store.deleteOlderThan(t('2026-10-22T00:00:00.000Z')),
      ).toEqual({ changes: 1, verdicts: 1 });
      expect(await store.getChanges('old', { limit: 10 })).toEqual([]);
      expect(await store.hasCluster('old')).toBe(false);
      expect(await store.getChanges('new', { limit: 10 })).toHaveLength(1);
    },
  );
});
