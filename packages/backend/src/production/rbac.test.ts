// The collector's ClusterRole in deploy/rbac.yaml is enough and no more: a
// real collection (the `ai-platform scan` command line, which runs the
// backend's collector) against kube-sim serving the demo clusters and a
// cluster that serves every API the role names; every request kube-sim
// logged is mapped to (apiGroup, resource, verb) and checked against the
// role, and every rule of the role must have been used.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './harness/BackendProcess';
import {
  COLLECTOR_SERVICE_ACCOUNT,
  collectorGrants,
} from './harness/deployManifests';
import {
  crdsServing,
  DEMO_CLUSTERS,
  kubeSimClusterSpec,
  RecordedKubeSim,
  startRecordedKubeSim,
} from './harness/kubeSim';
import {
  allowingRule,
  attributesTriple,
  grantedTriples,
  requestAttributes,
  SubjectGrants,
} from './rbac/kubeRbac';

jest.setTimeout(180_000);

const TOKEN = 'rbac-test-collector-token-3c1f9e';
const CLI = path.join(REPO_ROOT, 'plugins/ai-platform-backend/bin/ai-platform');

function scan(
  kubeconfig: string,
  context: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'scan',
        '--kubeconfig',
        kubeconfig,
        '--context',
        context,
        '--output',
        'json',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('exit', code => resolve({ code, stdout, stderr }));
  });
}

describe('deploy/rbac.yaml: the collector ClusterRole', () => {
  let grants: SubjectGrants;
  let recorded: RecordedKubeSim;
  let tmp: string;
  const scans: Record<string, { code: number | null; report: any }> = {};

  beforeAll(async () => {
    grants = await collectorGrants();
    const roleResources = grants.clusterRules.flatMap(rule =>
      (rule.apiGroups ?? []).flatMap(group =>
        (rule.resources ?? []).map(resource => ({ group, resource })),
      ),
    );
    recorded = await startRecordedKubeSim({
      clusters: [
        ...DEMO_CLUSTERS.map(name => kubeSimClusterSpec(name, TOKEN)),
        {
          // Serves every API the role names (1.35: resource.k8s.io/v1), and
          // the autoscaler status ConfigMap, so the collection reads them all.
          name: 'all-apis',
          token: TOKEN,
          version: { major: '1', minor: '35', gitVersion: 'v1.35.0' },
          objects: [
            ...crdsServing(roleResources),
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: {
                name: 'cluster-autoscaler-status',
                namespace: 'kube-system',
              },
              data: { status: 'Cluster-wide:\n  Health: Healthy' },
            },
          ],
        },
      ],
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-rbac-'));
    const kubeconfig = path.join(tmp, 'kubeconfig');
    await recorded.sim.writeKubeconfig(kubeconfig);
    const names = [...DEMO_CLUSTERS, 'all-apis'];
    // Two at a time: each is a Node process compiling the collector.
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(
        names.slice(i, i + 2).map(async name => {
          const result = await scan(kubeconfig, name);
          let report: any;
          try {
            report = JSON.parse(result.stdout);
          } catch {
            report = { unparsable: result.stdout, stderr: result.stderr };
          }
          scans[name] = { code: result.code, report };
        }),
      );
    }
  });

  afterAll(async () => {
    await recorded?.sim.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('binds the collector service account to the ClusterRole and the kube-system Role', () => {
    expect(grants.roles).toEqual([
      'ClusterRole/ai-platform-collector-read',
      'Role/kube-system/ai-platform-collector-autoscaler-status',
    ]);
    expect(COLLECTOR_SERVICE_ACCOUNT).toEqual({
      name: 'ai-platform-collector',
      namespace: 'ai-platform',
    });
  });

  it('grants nothing on secrets, pods/log or pods/exec, no wildcard and no write verb', () => {
    const rules = [
      ...grants.clusterRules,
      ...[...grants.namespaceRules.values()].flat(),
    ];
    for (const rule of rules) {
      const everything = [
        ...(rule.apiGroups ?? []),
        ...(rule.resources ?? []),
        ...rule.verbs,
        ...(rule.resourceNames ?? []),
        ...(rule.nonResourceURLs ?? []),
      ];
      expect(everything.filter(v => v.includes('*'))).toEqual([]);
      expect(rule.resources ?? []).not.toContain('secrets');
      expect(rule.resources ?? []).not.toContain('pods/log');
      expect(rule.resources ?? []).not.toContain('pods/exec');
      expect(rule.resources ?? []).not.toContain('pods/attach');
      expect(rule.resources ?? []).not.toContain('pods/portforward');
      expect(rule.resources ?? []).not.toContain('nodes/proxy');
      expect(
        rule.verbs.filter(v => !['get', 'list', 'watch'].includes(v)),
      ).toEqual([]);
      expect(rule.nonResourceURLs ?? []).toEqual([]);
    }
    // The only ConfigMap readable is one, by name, in kube-system.
    const configMapRules = rules.filter(r =>
      (r.resources ?? []).includes('configmaps'),
    );
    expect(configMapRules).toEqual([
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: ['cluster-autoscaler-status'],
        verbs: ['get'],
      },
    ]);
    expect(grants.clusterRules.flatMap(r => r.resources ?? [])).not.toContain(
      'configmaps',
    );
  });

  it('collects every cluster completely under the role', () => {
    for (const name of [...DEMO_CLUSTERS, 'all-apis']) {
      const { code, report } = scans[name];
      expect({ name, code, errors: report.errors }).toEqual({
        name,
        code: 0,
        errors: [],
      });
    }
    // The all-APIs cluster really served the optional APIs.
    const served = Object.entries(scans['all-apis'].report.parts ?? {})
      .filter(([, status]) => status === 'ok')
      .map(([name]) => name);
    expect(served).toEqual(
      expect.arrayContaining([
        'kueue',
        'volcano',
        'inferenceServices',
        'kagentAgents',
        'karpenterNodePools',
        'monitors',
        'operatorResources',
        'draResourceSlices',
        'configMaps',
      ]),
    );
  });

  it('allows every request the collection made', () => {
    const requests = recorded.requests.filter(r => !r.url.startsWith('/_sim'));
    expect(requests.length).toBeGreaterThan(100);
    const denied = requests
      .map(r => ({
        request: `${r.method} ${r.url}`,
        attrs: requestAttributes(r.method, r.url),
      }))
      .filter(r => !allowingRule(grants, r.attrs))
      .map(r => `${r.request} (${attributesTriple(r.attrs)})`);
    expect(denied).toEqual([]);
    // And none was refused by the simulator's own auth.
    expect(requests.filter(r => r.status === 401 || r.status === 403)).toEqual(
      [],
    );
  });

  it('uses every rule it grants (no more than the collector reads)', () => {
    const used = new Set(
      recorded.requests
        .map(r => requestAttributes(r.method, r.url))
        .filter(a => a.resourceRequest)
        .map(attributesTriple),
    );
    const granted = grantedTriples(grants.clusterRules);
    expect(granted.filter(t => !used.has(t))).toEqual([]);
    const configMapGet = recorded.requests.filter(r =>
      r.url.startsWith(
        '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
      ),
    );
    expect(configMapGet.length).toBeGreaterThan(0);
    // Nothing read is outside discovery and the granted triples.
    const outside = [...used].filter(
      t => !granted.includes(t) && t !== '/configmaps:get',
    );
    expect(outside).toEqual([]);
  });
});
