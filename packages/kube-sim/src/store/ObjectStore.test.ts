import type { KubeObject } from '../types';
import { ObjectStore, readFieldValue } from './ObjectStore';

function pod(
  name: string,
  namespace = 'default',
  extra: Partial<KubeObject> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    ...extra,
  };
}

describe('ObjectStore', () => {
  it('assigns increasing resourceVersions and serializes without kind/apiVersion', () => {
    const store = new ObjectStore();
    const a = store.put('|Pod', pod('a'));
    const b = store.put('|Pod', pod('b'));
    const a2 = store.put(
      '|Pod',
      pod('a', 'default', { spec: { nodeName: 'n1' } }),
    );
    expect([a.rv, b.rv, a2.rv]).toEqual([1, 2, 3]);
    expect(a.type).toBe('ADDED');
    expect(a2.type).toBe('MODIFIED');
    expect(a2.previous).toBe(a.entry);
    expect(store.currentRv()).toBe(3);
    const parsed = JSON.parse(a2.entry.json);
    expect(parsed.kind).toBeUndefined();
    expect(parsed.metadata.resourceVersion).toBe('3');
    expect(parsed.spec.nodeName).toBe('n1');
  });

  it('does not keep references to the caller object', () => {
    const store = new ObjectStore();
    const obj = pod('a');
    obj.metadata.labels = { app: 'x' };
    const ev = store.put('|Pod', obj);
    obj.metadata.labels.app = 'changed';
    expect(ev.entry.labels).toEqual({ app: 'x' });
    expect(JSON.parse(ev.entry.json).metadata.labels.app).toBe('x');
  });

  it('sorts by namespace/name and keeps old sorted arrays untouched', () => {
    const store = new ObjectStore();
    store.put('|Pod', pod('b', 'ns1'));
    store.put('|Pod', pod('a', 'ns2'));
    store.put('|Pod', pod('a', 'ns1'));
    const before = store.sorted('|Pod');
    expect(before.map(e => e.key)).toEqual(['ns1/a', 'ns1/b', 'ns2/a']);
    store.delete('|Pod', 'ns1/a');
    expect(before.map(e => e.key)).toEqual(['ns1/a', 'ns1/b', 'ns2/a']);
    expect(store.sorted('|Pod').map(e => e.key)).toEqual(['ns1/b', 'ns2/a']);
  });

  it('gives DELETED events the deletion resourceVersion', () => {
    const store = new ObjectStore();
    store.put('|Pod', pod('a'));
    const ev = store.delete('|Pod', 'default/a')!;
    expect(ev.type).toBe('DELETED');
    expect(ev.rv).toBe(2);
    expect(JSON.parse(ev.entry.json).metadata.resourceVersion).toBe('2');
    expect(store.delete('|Pod', 'default/a')).toBeUndefined();
  });

  it('replays events after a resourceVersion and reports expired history', () => {
    const store = new ObjectStore({ historySize: 10 });
    store.beginBulkLoad();
    store.put('|Pod', pod('initial'));
    store.endBulkLoad();
    expect(store.eventsSince('|Pod', 0)).toBe('expired');
    store.put('|Pod', pod('a'));
    store.put('|Node', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', uid: 'u', creationTimestamp: 'x' },
    });
    store.put('|Pod', pod('b'));
    const events = store.eventsSince('|Pod', 1);
    expect(events).not.toBe('expired');
    expect((events as any[]).map(e => e.entry.name)).toEqual(['a', 'b']);
    expect(
      (store.eventsSince('|Pod', 2) as any[]).map(e => e.entry.name),
    ).toEqual(['b']);
    // Overflow the history: the oldest events go away.
    for (let i = 0; i < 20; i++) store.put('|Pod', pod(`x${i}`));
    expect(store.eventsSince('|Pod', 1)).toBe('expired');
    expect(store.oldestWatchableRv()).toBeGreaterThan(1);
  });

  it('keeps snapshots until they expire or the store is compacted', () => {
    let now = 1000;
    const store = new ObjectStore({ snapshotTtlMs: 100, now: () => now });
    store.put('|Pod', pod('a'));
    const s1 = store.snapshot('|Pod');
    // Unchanged bucket: the same snapshot is reused.
    expect(store.snapshot('|Pod').id).toBe(s1.id);
    store.put('|Pod', pod('b'));
    const s2 = store.snapshot('|Pod');
    expect(s2.id).not.toBe(s1.id);
    expect(store.getSnapshot(s1.id)!.entries.map(e => e.name)).toEqual(['a']);
    now += 101;
    expect(store.getSnapshot(s1.id)).toBeUndefined();
    const s3 = store.snapshot('|Pod');
    store.compact();
    expect(store.getSnapshot(s3.id)).toBeUndefined();
  });

  it('notifies subscribers of their bucket only', () => {
    const store = new ObjectStore();
    const seen: string[] = [];
    const off = store.subscribe('|Pod', ev =>
      seen.push(`${ev.type}:${ev.entry.name}`),
    );
    store.put('|Pod', pod('a'));
    store.put('|Node', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', uid: 'u', creationTimestamp: 'x' },
    });
    store.delete('|Pod', 'default/a');
    off();
    store.put('|Pod', pod('b'));
    expect(seen).toEqual(['ADDED:a', 'DELETED:a']);
  });

  it('reads field values with defaults per type', () => {
    const obj = {
      spec: { unschedulable: true, nodeName: 'n1' },
      source: { component: 'kubelet' },
    };
    expect(readFieldValue(obj, { label: 'spec.nodeName' })).toBe('n1');
    expect(
      readFieldValue(obj, { label: 'spec.unschedulable', type: 'bool' }),
    ).toBe('true');
    expect(
      readFieldValue({}, { label: 'spec.unschedulable', type: 'bool' }),
    ).toBe('false');
    expect(readFieldValue({}, { label: 'status.replicas', type: 'int' })).toBe(
      '0',
    );
    expect(readFieldValue({}, { label: 'status.phase' })).toBe('');
    expect(
      readFieldValue(obj, { label: 'source', path: 'source.component' }),
    ).toBe('kubelet');
  });
});
