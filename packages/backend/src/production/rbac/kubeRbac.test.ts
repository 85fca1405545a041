import {
  allowingRule,
  grantedTriples,
  grantsForServiceAccount,
  requestAttributes,
  ruleAllows,
} from './kubeRbac';

describe('requestAttributes', () => {
  it.each([
    ['GET', '/version', { resourceRequest: false, verb: 'get' }],
    ['GET', '/api', { resourceRequest: false }],
    ['GET', '/api/v1', { resourceRequest: false }],
    ['GET', '/apis/kagent.dev/v1alpha2', { resourceRequest: false }],
    [
      'GET',
      '/api/v1/nodes?limit=500',
      { apiGroup: '', resource: 'nodes', verb: 'list' },
    ],
    [
      'GET',
      '/api/v1/pods?watch=true',
      { apiGroup: '', resource: 'pods', verb: 'watch' },
    ],
    [
      'GET',
      '/api/v1/watch/pods',
      { apiGroup: '', resource: 'pods', verb: 'watch' },
    ],
    ['GET', '/api/v1/namespaces', { resource: 'namespaces', verb: 'list' }],
    [
      'GET',
      '/api/v1/namespaces/ml',
      { resource: 'namespaces', name: 'ml', namespace: 'ml', verb: 'get' },
    ],
    [
      'GET',
      '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
      {
        resource: 'configmaps',
        namespace: 'kube-system',
        name: 'cluster-autoscaler-status',
        verb: 'get',
      },
    ],
    [
      'GET',
      '/api/v1/namespaces/ml/pods/p1/log',
      { resource: 'pods', subresource: 'log', name: 'p1', verb: 'get' },
    ],
    [
      'POST',
      '/api/v1/namespaces/ml/pods/p1/exec',
      { resource: 'pods', subresource: 'exec', verb: 'create' },
    ],
    [
      'GET',
      '/apis/resource.k8s.io/v1/resourceslices?limit=500&continue=x',
      { apiGroup: 'resource.k8s.io', resource: 'resourceslices', verb: 'list' },
    ],
    ['DELETE', '/api/v1/namespaces/ml/pods', { verb: 'deletecollection' }],
  ])('%s %s', (method, url, expected) => {
    expect(requestAttributes(method, url)).toMatchObject(expected);
  });
});

describe('rule matching', () => {
  const objects = [
    {
      kind: 'ClusterRole',
      metadata: { name: 'read' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'read' },
      roleRef: { kind: 'ClusterRole', name: 'read' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'x' }],
    },
    {
      kind: 'Role',
      metadata: { name: 'cm', namespace: 'kube-system' },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['one'],
          verbs: ['get'],
        },
      ],
    },
    {
      kind: 'RoleBinding',
      metadata: { name: 'cm', namespace: 'kube-system' },
      roleRef: { kind: 'Role', name: 'cm' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'x' }],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'other' },
      roleRef: { kind: 'ClusterRole', name: 'read' },
      subjects: [
        { kind: 'ServiceAccount', name: 'someone-else', namespace: 'x' },
      ],
    },
  ];
  const grants = grantsForServiceAccount(objects, {
    name: 'sa',
    namespace: 'x',
  });

  it('collects cluster and namespace grants of the subject only', () => {
    expect(grants.roles).toEqual(['ClusterRole/read', 'Role/kube-system/cm']);
    expect(grantedTriples(grants.clusterRules)).toEqual(['/pods:list']);
  });

  it('allows what is granted and nothing else', () => {
    const allowed = (method: string, url: string) =>
      !!allowingRule(grants, requestAttributes(method, url));
    expect(allowed('GET', '/api/v1/pods?limit=5')).toBe(true);
    expect(allowed('GET', '/api/v1/namespaces/ml/pods')).toBe(true);
    expect(allowed('GET', '/api/v1/pods?watch=1')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/ml/pods/p')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/ml/pods/p/log')).toBe(false);
    expect(allowed('GET', '/api/v1/secrets')).toBe(false);
    expect(
      allowed('GET', '/api/v1/namespaces/kube-system/configmaps/one'),
    ).toBe(true);
    expect(
      allowed('GET', '/api/v1/namespaces/kube-system/configmaps/two'),
    ).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/default/configmaps/one')).toBe(
      false,
    );
    expect(allowed('GET', '/api/v1/namespaces/kube-system/configmaps')).toBe(
      false,
    );
    // Discovery is every authenticated user's by default.
    expect(allowed('GET', '/apis/kagent.dev/v1alpha2')).toBe(true);
    expect(allowed('GET', '/version')).toBe(true);
    expect(allowed('GET', '/metrics')).toBe(false);
  });

  it('matches wildcards the way the RBAC authorizer does', () => {
    const attrs = requestAttributes('GET', '/api/v1/namespaces/a/pods/p/exec');
    expect(
      ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, attrs),
    ).toBe(true);
    expect(
      ruleAllows(
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        attrs,
      ),
    ).toBe(false);
    expect(
      ruleAllows(
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] },
        attrs,
      ),
    ).toBe(true);
  });

  it('refuses a binding to a role that does not exist', () => {
    expect(() =>
      grantsForServiceAccount(
        [
          {
            kind: 'ClusterRoleBinding',
            metadata: { name: 'b' },
            roleRef: { kind: 'ClusterRole', name: 'missing' },
            subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'x' }],
          },
        ],
        { name: 'sa', namespace: 'x' },
      ),
    ).toThrow(/missing ClusterRole missing/);
  });
});
