import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  readInClusterCluster,
  readKubeconfigClusters,
  readKubernetesConfigClusters,
} from './configClusters';

const kubeconfig = `
apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: {server: 'https://lab.example.com:6443', certificate-authority-data: LS0t}
users:
- name: lab-user
  user: {token: kubeconfig-secret-token}
contexts:
- name: lab-admin
  context: {cluster: lab, user: lab-user}
- name: broken
  context: {cluster: missing, user: lab-user}
current-context: lab-admin
`;

describe('readKubernetesConfigClusters', () => {
  it('reads config clusters of the kubernetes block, the way the Kubernetes plugin does', () => {
    const config = new ConfigReader({
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'h100-prod',
                title: 'H100 production',
                url: 'https://h100.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'sa-token',
                caData: 'LS0tLS1CRUdJTg==',
                skipMetricsLookup: true,
              },
              {
                name: 'in-pod',
                url: 'https://kubernetes.default.svc',
                authProvider: 'serviceAccount',
                caFile: '/ca.crt',
              },
              {
                name: 'dev',
                url: 'http://127.0.0.1:17441',
                authProvider: 'serviceAccount',
                serviceAccountToken: 't',
                skipTLSVerify: true,
              },
              {
                name: 'gke',
                url: 'https://gke.example.com',
                authProvider: 'google',
              },
              {
                name: 'eks',
                url: 'https://eks.example.com',
                authProvider: 'aws',
              },
              {
                name: 'Bad Name',
                url: 'https://x.example.com',
                authProvider: 'serviceAccount',
              },
              { name: 'nourl', authProvider: 'serviceAccount' },
            ],
          },
        ],
      },
    });
    const { clusters, skipped } = readKubernetesConfigClusters(config);
    expect(clusters).toEqual([
      {
        name: 'h100-prod',
        title: 'H100 production',
        url: 'https://h100.example.com',
        source: 'config',
        auth: { type: 'serviceAccount', token: 'sa-token' },
        caData: 'LS0tLS1CRUdJTg==',
      },
      {
        name: 'in-pod',
        url: 'https://kubernetes.default.svc',
        source: 'config',
        auth: { type: 'inCluster' },
        caFile: '/ca.crt',
      },
      {
        name: 'dev',
        url: 'http://127.0.0.1:17441',
        source: 'config',
        auth: { type: 'serviceAccount', token: 't' },
        skipTLSVerify: true,
      },
    ]);
    expect(skipped.map(s => [s.name, s.reason.split(':')[0]])).toEqual([
      ['gke', 'authProvider "google" is not supported for collection'],
      ['eks', 'authProvider "aws" is not supported for collection'],
      [
        'kubernetes.clusterLocatorMethods[1].clusters[5]',
        expect.stringContaining('"Bad Name" is not a valid cluster name'),
      ],
      [
        'nourl',
        'kubernetes.clusterLocatorMethods[1].clusters[6].url must be an http(s) URL of the API server',
      ],
    ]);
    expect(skipped[0].reason).toMatch(/service account/);
  });

  it('is empty without a kubernetes block', () => {
    expect(readKubernetesConfigClusters(new ConfigReader({}))).toEqual({
      clusters: [],
      skipped: [],
    });
  });
});

describe('readKubeconfigClusters', () => {
  let file: string;

  beforeAll(async () => {
    const dir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'kubeconfig-clusters-'),
    );
    file = path.join(dir, 'config');
    await fs.writeFile(file, kubeconfig);
  });

  it('reads a context, naming the cluster after it unless named', () => {
    const config = new ConfigReader({
      aiPlatform: {
        kubeconfigClusters: [
          { file },
          { file, context: 'lab-admin', name: 'lab' },
          { file, context: 'nope' },
          { file, context: 'broken' },
          { file: '/does/not/exist' },
        ],
      },
    });
    const { clusters, skipped } = readKubeconfigClusters(config);
    expect(clusters).toEqual([
      {
        name: 'lab-admin',
        url: 'https://lab.example.com:6443',
        source: 'kubeconfig',
        auth: { type: 'kubeconfig', file },
      },
      {
        name: 'lab',
        url: 'https://lab.example.com:6443',
        source: 'kubeconfig',
        auth: { type: 'kubeconfig', file, context: 'lab-admin' },
      },
    ]);
    expect(skipped.map(s => s.reason)).toEqual([
      `kubeconfig ${file} has no context "nope" (contexts: lab-admin, broken)`,
      `kubeconfig ${file}: context "broken" names cluster "missing", which is not in the file`,
      'kubeconfig /does/not/exist does not exist',
    ]);
    expect(JSON.stringify(skipped)).not.toContain('kubeconfig-secret-token');
  });
});

describe('readInClusterCluster', () => {
  it('names the cluster the backend runs in', () => {
    expect(
      readInClusterCluster(
        new ConfigReader({ aiPlatform: { inClusterName: 'home' } }),
      ),
    ).toEqual({
      clusters: [
        { name: 'home', source: 'in-cluster', auth: { type: 'inCluster' } },
      ],
      skipped: [],
    });
    expect(readInClusterCluster(new ConfigReader({}))).toEqual({
      clusters: [],
      skipped: [],
    });
  });
});
