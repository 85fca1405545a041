/**
 * Just enough of the Kubernetes protobuf envelope to read a SelfSubjectAccessReview, which newer
 * kubectl versions (`kubectl auth can-i`) send as protobuf. Everything else must be JSON.
 */

type Fields = Map<number, (Buffer | number)[]>;

function readVarint(buf: Buffer, start: number): [number, number] {
  let pos = start;
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

/** Decodes one protobuf message into field number -> values (length-delimited as Buffers). */
export function decodeFields(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      if (p2 + len > buf.length) throw new Error('truncated field');
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) {
      value = 0;
      pos += 8;
    } else if (wire === 5) {
      value = 0;
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

function str(fields: Fields, n: number): string | undefined {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
}

function msg(fields: Fields, n: number): Fields | undefined {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? decodeFields(v) : undefined;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a protobuf-encoded SelfSubjectAccessReview into its JSON shape; throws on anything else. */
export function decodeSelfSubjectAccessReview(
  body: Buffer,
): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC))
    throw new Error('not a Kubernetes protobuf message');
  const unknown = decodeFields(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const kind = typeMeta ? str(typeMeta, 2) : undefined;
  if (kind !== 'SelfSubjectAccessReview')
    throw new Error(`protobuf ${kind ?? 'message'} is not supported`);
  const raw = unknown.get(2)?.[0];
  const review = Buffer.isBuffer(raw) ? decodeFields(raw) : new Map();
  const spec = msg(review, 2);
  const ra = spec ? msg(spec, 1) : undefined;
  const nra = spec ? msg(spec, 2) : undefined;
  const out: Record<string, unknown> = {};
  if (ra) {
    const names = [
      'namespace',
      'verb',
      'group',
      'version',
      'resource',
      'subresource',
      'name',
    ];
    const attrs: Record<string, string> = {};
    names.forEach((name, i) => {
      const v = str(ra, i + 1);
      if (v !== undefined) attrs[name] = v;
    });
    out.resourceAttributes = attrs;
  }
  if (nra) {
    out.nonResourceAttributes = {
      path: str(nra, 1) ?? '',
      verb: str(nra, 2) ?? '',
    };
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: str(typeMeta!, 1),
    spec: out,
  };
}
