import { KubeSim, startKubeSim } from '../sim';
import { gpuNode, pod, resourceSlice, smallCluster } from '../testing/fixtures';
import { request, watch, WatchStream } from '../testing/httpClient';

let sim: KubeSim;
let streams: WatchStream[] = [];

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [{ name: 'w', objects: smallCluster() }],
    watchBookmarkIntervalMs: 100,
    watchHistorySize: 50,
  });
});

afterEach(async () => {
  for (const s of streams) s.close();
  streams = [];
  await sim.stop();
});

function open(path: string, headers?: Record<string, string>): WatchStream {
  const c = sim.cluster('w');
  const s = watch(`${c.url}${path}`, c.token, headers);
  streams.push(s);
  return s;
}

const summary = (events: any[]) =>
  events.map(e => `${e.type}:${e.object.metadata?.name ?? ''}`);

describe('watch', () => {
  it('starts with ADDED for current objects, then streams ADDED/MODIFIED/DELETED', async () => {
    const c = sim.cluster('w');
    const s = open('/api/v1/nodes?watch=1');
    expect(await s.status).toBe(200);
    await s.waitFor(3);
    c.upsert(gpuNode('gpu-3'));
    c.upsert({
      ...gpuNode('gpu-3'),
      metadata: { name: 'gpu-3', labels: { changed: 'yes' } },
    });
    c.remove('v1', 'Node', 'gpu-3');
    const events = await s.waitFor(6);
    expect(summary(events)).toEqual([
      'ADDED:cpu-1',
      'ADDED:gpu-1',
      'ADDED:gpu-2',
      'ADDED:gpu-3',
      'MODIFIED:gpu-3',
      'DELETED:gpu-3',
    ]);
    // Watch objects carry kind/apiVersion (unlike list items).
    expect(events[3].object).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
    expect(events[4].object.metadata.labels).toEqual({ changed: 'yes' });
    // Every event has a newer resourceVersion.
    const rvs = events
      .slice(3)
      .map(e => Number(e.object.metadata.resourceVersion));
    expect(rvs[0]).toBeLessThan(rvs[1]);
    expect(rvs[1]).toBeLessThan(rvs[2]);
  });

  it('filters by label selector and turns selector transitions into ADDED/DELETED', async () => {
    const c = sim.cluster('w');
    const s = open(
      '/api/v1/namespaces/ml/pods?watch=true&labelSelector=app%3Dtrain',
    );
    await s.waitFor(2);
    c.upsert(pod('other', 'ml', { labels: { app: 'other' } })); // not selected: no event
    c.upsert(pod('other', 'ml', { labels: { app: 'train' } })); // moves in: ADDED
    c.upsert(pod('other', 'ml', { labels: { app: 'gone' } })); // moves out: DELETED
    c.upsert(pod('train-x', 'default', { labels: { app: 'train' } })); // other namespace: no event
    const events = await s.waitFor(4);
    expect(summary(events)).toEqual([
      'ADDED:pending-0',
      'ADDED:train-0',
      'ADDED:other',
      'DELETED:other',
    ]);
  });

  it('filters pods by spec.nodeName and resourceslices by node', async () => {
    const c = sim.cluster('w');
    const pods = open(
      '/api/v1/pods?watch=1&fieldSelector=spec.nodeName%3Dgpu-2',
    );
    const slices = open('/apis/resource.k8s.io/v1/resourceslices?watch=1');
    await pods.waitFor(1);
    await slices.waitFor(1);
    c.upsert(pod('late', 'ml', { nodeName: 'gpu-2' }));
    c.upsert(pod('elsewhere', 'ml', { nodeName: 'gpu-1' }));
    c.upsert(resourceSlice('gpu-2'));
    expect(summary(await pods.waitFor(2))).toEqual([
      'ADDED:serve-0',
      'ADDED:late',
    ]);
    expect(summary(await slices.waitFor(2))).toEqual([
      'ADDED:gpu-1-gpu.nvidia.com',
      'ADDED:gpu-2-gpu.nvidia.com',
    ]);
  });

  it('replays events after a resourceVersion', async () => {
    const c = sim.cluster('w');
    const rv = (
      await request(`${c.url}/api/v1/pods`, { token: c.token })
    ).json().metadata.resourceVersion;
    c.upsert(pod('a', 'ml'));
    c.remove('v1', 'Pod', 'train-0', 'ml');
    const s = open(`/api/v1/pods?watch=1&resourceVersion=${rv}`);
    expect(summary(await s.waitFor(2))).toEqual(['ADDED:a', 'DELETED:train-0']);
  });

  it('sends ERROR 410 Expired when the resourceVersion is too old', async () => {
    const s = open('/api/v1/pods?watch=1&resourceVersion=1');
    const [event] = await s.waitFor(1);
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(event.object.message).toMatch(
      /^too old resource version: 1 \(\d+\)$/,
    );
    await s.ended;
    // History overflow has the same effect for resourceVersions that were valid before.
    const c = sim.cluster('w');
    const rv = c.resourceVersion();
    for (let i = 0; i < 60; i++) c.upsert(pod(`x${i}`, 'ml'));
    const late = open(`/api/v1/pods?watch=1&resourceVersion=${rv}`);
    expect((await late.waitFor(1))[0].object.code).toBe(410);
  });

  it('sends BOOKMARKs when allowed, including the initial-events-end marker', async () => {
    const plain = open(
      `/api/v1/nodes?watch=1&allowWatchBookmarks=true&resourceVersion=${sim
        .cluster('w')
        .resourceVersion()}`,
    );
    const [bookmark] = await plain.waitFor(1);
    expect(bookmark.type).toBe('BOOKMARK');
    expect(bookmark.object).toEqual({
      kind: 'Node',
      apiVersion: 'v1',
      metadata: { resourceVersion: sim.cluster('w').resourceVersion() },
    });
    const initial = open(
      '/api/v1/nodes?watch=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan',
    );
    const events = await initial.waitFor(4);
    expect(summary(events.slice(0, 3))).toEqual([
      'ADDED:cpu-1',
      'ADDED:gpu-1',
      'ADDED:gpu-2',
    ]);
    expect(events[3].type).toBe('BOOKMARK');
    expect(events[3].object.metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    // No bookmarks unless asked for.
    const none = open('/api/v1/namespaces/ghost/pods?watch=1');
    await new Promise(r => setTimeout(r, 250));
    expect(none.events).toEqual([]);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const s = open('/api/v1/nodes?watch=1&timeoutSeconds=1');
    await s.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(s.events).toHaveLength(3);
  });

  it('streams Table rows when kubectl asks for them', async () => {
    const s = open('/api/v1/nodes?watch=1', {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    const events = await s.waitFor(3);
    expect(events[0].object.kind).toBe('Table');
    expect(events[0].object.rows[0].cells.slice(0, 3)).toEqual([
      'cpu-1',
      'Ready,SchedulingDisabled',
      'worker',
    ]);
  });

  it('supports the legacy /watch/ path for a single object', async () => {
    const c = sim.cluster('w');
    const s = open('/api/v1/watch/namespaces/ml/pods/serve-0');
    await s.waitFor(1);
    c.upsert(pod('train-0', 'ml', { labels: { x: 'y' } }));
    c.upsert(pod('serve-0', 'ml', { labels: { x: 'y' } }));
    expect(summary(await s.waitFor(2))).toEqual([
      'ADDED:serve-0',
      'MODIFIED:serve-0',
    ]);
  });
});
