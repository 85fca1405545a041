// deploy/*.yaml parse as Kubernetes objects and hang together: namespaces,
// references between objects, the backend Deployment's config, environment,
// probes and Service. (What the collector may read is rbac.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { KubeObject } from '@ai-platform/kube-sim';
import { REPO_ROOT } from './harness/BackendProcess';
import { loadDeployManifests } from './harness/deployManifests';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
]);

describe('deploy/ manifests', () => {
  let objects: any[];
  let files: string[];
  const find = (kind: string, name: string, namespace?: string) =>
    objects.find(
      o =>
        o.kind === kind &&
        o.metadata.name === name &&
        (namespace === undefined || o.metadata.namespace === namespace),
    );

  beforeAll(async () => {
    ({ objects, files } = await loadDeployManifests());
  });

  it('has the expected files and objects', () => {
    expect(files.sort()).toEqual([
      'backend-secrets.example.yaml',
      'backend.yaml',
      'collector-token.yaml',
      'namespace.yaml',
      'rbac.yaml',
    ]);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'ClusterRole/ai-platform-collector-read',
        'ClusterRoleBinding/ai-platform-collector-read',
        'Deployment/backstage',
        'Namespace/ai-platform',
        'PodDisruptionBudget/backstage',
        'Role/ai-platform-collector-autoscaler-status',
        'RoleBinding/ai-platform-collector-autoscaler-status',
        'Secret/ai-platform-collector-token',
        'Secret/backstage-secrets',
        'Service/backstage',
        'ServiceAccount/ai-platform-collector',
        'ServiceAccount/backstage',
      ].sort(),
    );
  });

  it('puts namespaced objects in a namespace and cluster-scoped ones in none', () => {
    const expectedNamespace = (o: KubeObject) => {
      if (CLUSTER_SCOPED.has(o.kind)) return undefined;
      return o.kind === 'Role' || o.kind === 'RoleBinding'
        ? 'kube-system'
        : 'ai-platform';
    };
    expect(
      (objects as KubeObject[]).map(o => ({
        object: `${o.kind}/${o.metadata.name}`,
        namespace: o.metadata.namespace,
        partOf: o.metadata.labels?.['app.kubernetes.io/part-of'],
      })),
    ).toEqual(
      (objects as KubeObject[]).map(o => ({
        object: `${o.kind}/${o.metadata.name}`,
        namespace: expectedNamespace(o),
        partOf: 'ai-platform-portal',
      })),
    );
  });

  it('binds roles that exist to the service account that exists', () => {
    for (const binding of objects.filter(o =>
      ['ClusterRoleBinding', 'RoleBinding'].includes(o.kind),
    )) {
      const roleKind = binding.roleRef.kind;
      expect(binding.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
      expect(
        find(
          roleKind,
          binding.roleRef.name,
          roleKind === 'Role' ? binding.metadata.namespace : undefined,
        ),
      ).toBeDefined();
      for (const subject of binding.subjects) {
        expect(
          find('ServiceAccount', subject.name, subject.namespace),
        ).toBeDefined();
      }
    }
  });

  it('issues a long-lived token for the collector service account', () => {
    const secret = find('Secret', 'ai-platform-collector-token', 'ai-platform');
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(
      secret.metadata.annotations['kubernetes.io/service-account.name'],
    ).toBe('ai-platform-collector');
    expect(secret.data ?? secret.stringData).toBeUndefined();
    const sa = find('ServiceAccount', 'ai-platform-collector', 'ai-platform');
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  describe('the backend Deployment', () => {
    let deployment: any;
    let container: any;
    beforeAll(() => {
      deployment = find('Deployment', 'backstage', 'ai-platform');
      container = deployment.spec.template.spec.containers[0];
    });

    it('runs two replicas of the backend with the production config', () => {
      expect(deployment.apiVersion).toBe('apps/v1');
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      for (const [k, v] of Object.entries(
        deployment.spec.selector.matchLabels,
      )) {
        expect(deployment.spec.template.metadata.labels[k]).toBe(v);
      }
      expect(container.command).toEqual([
        'node',
        'packages/backend',
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ]);
      for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
        expect(fs.existsSync(path.join(REPO_ROOT, file))).toBe(true);
      }
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(
        true,
      );
      expect(
        find(
          'ServiceAccount',
          deployment.spec.template.spec.serviceAccountName,
          'ai-platform',
        ),
      ).toBeDefined();
    });

    it('provides every variable app-config.production.yaml reads, secrets from the Secret', () => {
      const text = fs.readFileSync(
        path.join(REPO_ROOT, 'app-config.production.yaml'),
        'utf8',
      );
      const config = text
        .split('\n')
        .filter(line => !line.trim().startsWith('#'))
        .join('\n');
      const wanted = [
        ...new Set(
          [...config.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map(m => m[1]),
        ),
      ].sort();
      expect(wanted).toEqual(
        expect.arrayContaining([
          'POSTGRES_PASSWORD',
          'REDIS_URL',
          'MCP_TOKEN',
          'CLUSTER_TOKEN',
        ]),
      );
      const secretName = container.envFrom[0].secretRef.name;
      const secret = find('Secret', secretName, 'ai-platform');
      expect(secret).toBeDefined();
      const fromSecret = Object.keys(secret.stringData);
      const fromEnv = container.env.map((e: { name: string }) => e.name);
      expect(
        wanted.filter(v => ![...fromSecret, ...fromEnv].includes(v)),
      ).toEqual([]);
      // Credentials come from the Secret, never inline in the Deployment.
      for (const credential of [
        'POSTGRES_PASSWORD',
        'REDIS_URL',
        'MCP_TOKEN',
        'CLUSTER_TOKEN',
      ]) {
        expect(fromSecret).toContain(credential);
        expect(fromEnv).not.toContain(credential);
      }
    });

    it('probes readiness and the AI Platform health endpoint on the named port', () => {
      const port = container.ports[0];
      expect(port).toEqual({ name: 'http', containerPort: 7007 });
      expect(container.readinessProbe.httpGet).toEqual({
        path: '/.backstage/health/v1/readiness',
        port: 'http',
      });
      expect(container.startupProbe.httpGet.path).toBe(
        '/.backstage/health/v1/readiness',
      );
      expect(container.livenessProbe.httpGet).toEqual({
        path: '/api/ai-platform/health',
        port: 'http',
      });
    });

    it('is reachable through the Service and kept up by the disruption budget', () => {
      const service = find('Service', 'backstage', 'ai-platform');
      const labels = deployment.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(service.spec.selector)) {
        expect(labels[k]).toBe(v);
      }
      expect(service.spec.ports[0].targetPort).toBe('http');
      const pdb = find('PodDisruptionBudget', 'backstage', 'ai-platform');
      expect(pdb.spec.minAvailable).toBe(1);
      for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) {
        expect(labels[k]).toBe(v);
      }
    });
  });
});
