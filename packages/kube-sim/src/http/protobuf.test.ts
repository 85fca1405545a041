import { decodeFields, decodeSelfSubjectAccessReview } from './protobuf';

// Minimal protobuf encoder for the test: length-delimited fields only.
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
function field(n: number, value: Buffer | string): Buffer {
  const data = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([
    Buffer.from([...varint(n * 8 + 2), ...varint(data.length)]),
    data,
  ]);
}
const msg = (...fields: Buffer[]) => Buffer.concat(fields);

function envelope(kind: string, raw: Buffer): Buffer {
  const typeMeta = msg(field(1, 'authorization.k8s.io/v1'), field(2, kind));
  return Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    msg(field(1, typeMeta), field(2, raw)),
  ]);
}

describe('protobuf SelfSubjectAccessReview', () => {
  it('decodes resource attributes like kubectl auth can-i sends them', () => {
    const attrs = msg(
      field(1, 'ml'),
      field(2, 'list'),
      field(3, 'resource.k8s.io'),
      field(5, 'resourceslices'),
    );
    const review = msg(field(1, msg()), field(2, msg(field(1, attrs))));
    expect(
      decodeSelfSubjectAccessReview(
        envelope('SelfSubjectAccessReview', review),
      ),
    ).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: {
        resourceAttributes: {
          namespace: 'ml',
          verb: 'list',
          group: 'resource.k8s.io',
          resource: 'resourceslices',
        },
      },
    });
  });

  it('rejects other kinds, missing magic and truncated data', () => {
    expect(() =>
      decodeSelfSubjectAccessReview(envelope('Namespace', msg())),
    ).toThrow('protobuf Namespace is not supported');
    expect(() =>
      decodeSelfSubjectAccessReview(Buffer.from('{"json":true}')),
    ).toThrow('not a Kubernetes protobuf message');
    expect(() => decodeFields(Buffer.from([0x0a, 0x05, 0x61]))).toThrow(
      'truncated field',
    );
  });

  it('reads multi-byte varints', () => {
    const long = 'x'.repeat(300);
    expect((decodeFields(field(7, long)).get(7)![0] as Buffer).toString()).toBe(
      long,
    );
  });
});
