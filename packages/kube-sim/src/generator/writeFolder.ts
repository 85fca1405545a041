/**
 * Writes a synthetic cluster to a folder kube-sim can load (`kube-sim generate`).
 * JSON files hold one `kind: List` each and are streamed, so 150k pods do not need one huge string.
 */
import { createWriteStream, promises as fs, WriteStream } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '../types';
import type { SyntheticCluster } from './synthetic';

export type FolderFormat = 'json' | 'yaml';

function fileFor(kind: string): string {
  if (kind === 'Namespace') return 'namespaces';
  if (kind === 'Node') return 'nodes';
  if (kind === 'Pod') return 'pods';
  return 'dra';
}

class Sink {
  private count = 0;
  private readonly stream: WriteStream;
  private done: Promise<void>;

  constructor(file: string, private readonly format: FolderFormat) {
    this.stream = createWriteStream(file);
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', () => resolve());
      this.stream.on('error', reject);
    });
    if (format === 'json')
      this.stream.write('{"apiVersion":"v1","kind":"List","items":[\n');
  }

  async write(obj: KubeObject): Promise<void> {
    const text =
      this.format === 'json'
        ? `${this.count > 0 ? ',\n' : ''}${JSON.stringify(obj)}`
        : `${this.count > 0 ? '---\n' : ''}${stringify(obj)}`;
    this.count++;
    if (!this.stream.write(text)) {
      await new Promise<void>(resolve =>
        this.stream.once('drain', () => resolve()),
      );
    }
  }

  async close(): Promise<void> {
    if (this.format === 'json') this.stream.write('\n]}\n');
    this.stream.end();
    await this.done;
  }
}

/** Writes version.yaml plus namespaces/nodes/pods/dra files; returns the files written. */
export async function writeSyntheticFolder(
  cluster: SyntheticCluster,
  dir: string,
  format: FolderFormat,
): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const v = cluster.version;
  await fs.writeFile(
    path.join(dir, 'version.yaml'),
    stringify({
      major: v.major,
      minor: v.minor,
      gitVersion: v.gitVersion,
      platform: v.platform,
    }),
  );
  const sinks = new Map<string, Sink>();
  const ext = format === 'json' ? 'json' : 'yaml';
  for (const obj of cluster.objects) {
    const base = fileFor(obj.kind);
    let sink = sinks.get(base);
    if (!sink) {
      sink = new Sink(path.join(dir, `${base}.${ext}`), format);
      sinks.set(base, sink);
    }
    await sink.write(obj);
  }
  for (const sink of sinks.values()) await sink.close();
  return ['version.yaml', ...[...sinks.keys()].map(b => `${b}.${ext}`)];
}
