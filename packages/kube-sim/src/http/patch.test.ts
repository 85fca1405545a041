import { applyJsonPatch, applyMergePatch, PatchError } from './patch';

describe('applyMergePatch', () => {
  it('merges objects, deletes with null and replaces arrays', () => {
    const target = {
      metadata: { labels: { a: '1', b: '2' } },
      spec: { list: [1, 2], keep: true },
    };
    expect(
      applyMergePatch(target, {
        metadata: { labels: { a: null, c: '3' } },
        spec: { list: [3] },
      }),
    ).toEqual({
      metadata: { labels: { b: '2', c: '3' } },
      spec: { list: [3], keep: true },
    });
    // The target is not mutated.
    expect(target.metadata.labels).toEqual({ a: '1', b: '2' });
  });

  it('ignores strategic-merge directives', () => {
    expect(
      applyMergePatch(
        { a: 1 },
        { $patch: 'replace', b: 2, '$setElementOrder/x': [] },
      ),
    ).toEqual({ a: 1, b: 2 });
  });
});

describe('applyJsonPatch', () => {
  const doc = {
    metadata: { labels: { a: 'x/y' } },
    spec: { items: ['a', 'b'] },
  };
  it('supports add, remove, replace, move, copy and test', () => {
    const result = applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/new', value: 'v' },
      { op: 'add', path: '/spec/items/-', value: 'c' },
      { op: 'add', path: '/spec/items/0', value: 'first' },
      { op: 'remove', path: '/spec/items/1' },
      { op: 'replace', path: '/metadata/labels/a', value: 'z' },
      {
        op: 'copy',
        from: '/metadata/labels/a',
        path: '/metadata/labels/copied',
      },
      {
        op: 'move',
        from: '/metadata/labels/new',
        path: '/metadata/labels/moved',
      },
      { op: 'test', path: '/metadata/labels/moved', value: 'v' },
    ]);
    expect(result).toEqual({
      metadata: { labels: { a: 'z', copied: 'z', moved: 'v' } },
      spec: { items: ['first', 'b', 'c'] },
    });
    expect(doc.spec.items).toEqual(['a', 'b']);
  });

  it('decodes ~0 and ~1 in pointers', () => {
    expect(
      applyJsonPatch({ l: { 'a/b': 1, 'c~d': 2 } }, [
        { op: 'remove', path: '/l/a~1b' },
        { op: 'remove', path: '/l/c~0d' },
      ]),
    ).toEqual({ l: {} });
  });

  it.each([
    [[{ op: 'remove', path: '/nope' }], /does not exist/],
    [[{ op: 'test', path: '/spec/items/0', value: 'zzz' }], /test failed/],
    [[{ op: 'frobnicate', path: '/a' }], /unknown op/],
    [[{ path: '/a' }], /needs "op" and "path"/],
    [{ op: 'add' }, /must be an array/],
  ])('rejects %j', (ops, message) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(PatchError);
    expect(() => applyJsonPatch(doc, ops)).toThrow(message);
  });
});
