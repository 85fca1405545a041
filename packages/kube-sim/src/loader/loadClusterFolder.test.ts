import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterFolderError, loadClusterFolder } from './loadClusterFolder';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sim-loader-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(rel: string, text: string) {
  const full = path.join(dir, rel);
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, text);
}

describe('loadClusterFolder', () => {
  it('reads YAML and JSON, multi-document files, Lists and subfolders; skips dotfiles', async () => {
    await write(
      'nodes.yaml',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n---\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n2\n',
    );
    await write(
      'sub/deeper/pods.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p1', namespace: 'ns' },
          },
        ],
      }),
    );
    // A raw API list: items without kind/apiVersion take them from the list.
    await write(
      'sub/nodelist.yml',
      'apiVersion: v1\nkind: NodeList\nitems:\n- metadata:\n    name: n3\n',
    );
    await write(
      '.hidden/ignored.yaml',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: hidden\n',
    );
    await write('README.md', '# not loaded');
    const loaded = await loadClusterFolder(dir);
    expect(loaded.objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Node/n1',
      'Node/n2',
      'Pod/p1',
      'Node/n3',
    ]);
    expect(loaded.files).toEqual([
      'nodes.yaml',
      path.join('sub', 'deeper', 'pods.json'),
      path.join('sub', 'nodelist.yml'),
    ]);
    expect(loaded.version).toBeUndefined();
  });

  it('reads version.yaml, features.yaml and apiservice-resources.yaml at the root', async () => {
    await write(
      'version.yaml',
      'gitVersion: v1.33.5-eks-3025e55\nminor: "33+"\n',
    );
    await write('features.yaml', 'resource.k8s.io/v1beta2: true\n');
    await write(
      'apiservice-resources.yaml',
      'custom.metrics.k8s.io/v1beta1:\n- name: pods/gpu_util\n  kind: MetricValueList\n  namespaced: true\n  verbs: [get]\n',
    );
    const loaded = await loadClusterFolder(dir);
    expect(loaded.version).toMatchObject({
      major: '1',
      minor: '33+',
      gitVersion: 'v1.33.5-eks-3025e55',
    });
    expect(loaded.features).toEqual({ 'resource.k8s.io/v1beta2': true });
    expect(
      loaded.apiServiceResources!['custom.metrics.k8s.io/v1beta1'][0],
    ).toMatchObject({ name: 'pods/gpu_util', namespaced: true });
    expect(loaded.objects).toEqual([]);
  });

  it('names the file and document of malformed YAML', async () => {
    await write(
      'ok.yaml',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n',
    );
    await write(
      'broken.yaml',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n---\nkind: [unclosed\n',
    );
    const err = await loadClusterFolder(dir).catch(e => e);
    expect(err).toBeInstanceOf(ClusterFolderError);
    expect(err.message).toContain(path.join(dir, 'broken.yaml'));
    expect(err.message).toContain('document 2');
  });

  it('names the file, document and item of objects without kind, apiVersion or name', async () => {
    await write(
      'a.yaml',
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n---\napiVersion: v1\nmetadata:\n  name: x\n',
    );
    await expect(loadClusterFolder(dir)).rejects.toThrow(
      /a\.yaml \(document 2\): missing kind/,
    );
    await fs.rm(path.join(dir, 'a.yaml'));
    await write(
      'b.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }],
      }),
    );
    await expect(loadClusterFolder(dir)).rejects.toThrow(
      /b\.json \(document 1\), items\[0\]: Pod has no metadata\.name/,
    );
    await fs.rm(path.join(dir, 'b.json'));
    await write('c.json', '{"apiVersion": ');
    await expect(loadClusterFolder(dir)).rejects.toThrow(
      /c\.json: invalid JSON/,
    );
  });

  it('rejects bad special files and missing folders', async () => {
    await write('features.yaml', 'resource.k8s.io/v1beta2: yes please\n');
    await expect(loadClusterFolder(dir)).rejects.toThrow(
      /features\.yaml: "resource\.k8s\.io\/v1beta2" must be true or false/,
    );
    await expect(loadClusterFolder(path.join(dir, 'nope'))).rejects.toThrow(
      /does not exist/,
    );
  });
});
