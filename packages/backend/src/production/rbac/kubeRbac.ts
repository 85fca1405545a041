/**
 * Enough of Kubernetes RBAC to check a service account's requests against
 * manifests: the API server's request attributes (its RequestInfo rules)
 * and the rule matching of the RBAC authorizer.
 */

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What the authorizer sees of a request. */
export interface RequestAttributes {
  verb: string;
  path: string;
  resourceRequest: boolean;
  apiGroup?: string;
  apiVersion?: string;
  namespace?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

const VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** Request attributes of an HTTP request, following the API server's RequestInfo rules. */
export function requestAttributes(
  method: string,
  url: string,
): RequestAttributes {
  const parsed = new URL(url, 'http://cluster');
  const path = parsed.pathname;
  let verb = VERBS[method.toUpperCase()] ?? method.toLowerCase();
  const nonResource = (): RequestAttributes => ({
    verb,
    path,
    resourceRequest: false,
  });
  let parts = path.split('/').filter(Boolean);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) {
    return nonResource();
  }
  const prefix = parts[0];
  parts = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (parts.length < 3) return nonResource();
    apiGroup = parts[0];
    parts = parts.slice(1);
  }
  const apiVersion = parts[0];
  parts = parts.slice(1);
  // The legacy /watch/ path prefix.
  if (parts[0] === 'watch') {
    verb = 'watch';
    parts = parts.slice(1);
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2) parts = parts.slice(2);
  }
  const [resource, name, subresource] = parts;
  if (!name && verb === 'get') {
    const watch = parsed.searchParams.get('watch');
    verb = watch === 'true' || watch === '1' ? 'watch' : 'list';
  }
  if (!name && verb === 'delete') verb = 'deletecollection';
  const out: RequestAttributes = {
    verb,
    path,
    resourceRequest: true,
    apiGroup,
    apiVersion,
    resource,
  };
  if (namespace !== undefined) out.namespace = namespace;
  if (name) out.name = name;
  if (subresource) out.subresource = subresource;
  return out;
}

/** Does one rule allow the request? */
export function ruleAllows(
  rule: PolicyRule,
  attrs: RequestAttributes,
): boolean {
  const has = (list: string[] | undefined, value: string) =>
    !!list && (list.includes('*') || list.includes(value));
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!attrs.resourceRequest) {
    return (rule.nonResourceURLs ?? []).some(pattern =>
      pattern.endsWith('*')
        ? attrs.path.startsWith(pattern.slice(0, -1))
        : attrs.path === pattern,
    );
  }
  if (!has(rule.apiGroups, attrs.apiGroup ?? '')) return false;
  const combined = attrs.subresource
    ? `${attrs.resource}/${attrs.subresource}`
    : attrs.resource ?? '';
  const resources = rule.resources ?? [];
  const resourceMatch =
    resources.includes('*') ||
    resources.includes(combined) ||
    (attrs.subresource !== undefined &&
      resources.includes(`*/${attrs.subresource}`));
  if (!resourceMatch) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0) {
    return !!attrs.name && rule.resourceNames.includes(attrs.name);
  }
  return true;
}

/**
 * Rules Kubernetes grants every authenticated user by default
 * (system:discovery, system:public-info-viewer, system:basic-user's reviews).
 */
export const DEFAULT_AUTHENTICATED_RULES: PolicyRule[] = [
  {
    nonResourceURLs: [
      '/api',
      '/api/*',
      '/apis',
      '/apis/*',
      '/healthz',
      '/livez',
      '/openapi',
      '/openapi/*',
      '/readyz',
      '/version',
      '/version/',
    ],
    verbs: ['get'],
  },
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    verbs: ['create'],
  },
];

interface ManifestObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  rules?: PolicyRule[];
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

/** What a subject may do: cluster-wide rules, and rules per namespace. */
export interface SubjectGrants {
  clusterRules: PolicyRule[];
  namespaceRules: Map<string, PolicyRule[]>;
  /** The roles behind the grants, by `Kind/name` (namespace for Roles). */
  roles: string[];
}

/** The grants of a service account from the (Cluster)Roles and bindings among `objects`. */
export function grantsForServiceAccount(
  objects: ManifestObject[],
  serviceAccount: { name: string; namespace: string },
): SubjectGrants {
  const isSubject = (b: ManifestObject) =>
    (b.subjects ?? []).some(
      s =>
        s.kind === 'ServiceAccount' &&
        s.name === serviceAccount.name &&
        s.namespace === serviceAccount.namespace,
    );
  const find = (kind: string, name?: string, namespace?: string) =>
    objects.find(
      o =>
        o.kind === kind &&
        o.metadata?.name === name &&
        (namespace === undefined || o.metadata?.namespace === namespace),
    );
  const grants: SubjectGrants = {
    clusterRules: [],
    namespaceRules: new Map(),
    roles: [],
  };
  for (const binding of objects.filter(
    o => o.kind === 'ClusterRoleBinding' && isSubject(o),
  )) {
    const role = find('ClusterRole', binding.roleRef?.name);
    if (binding.roleRef?.kind !== 'ClusterRole' || !role) {
      throw new Error(
        `ClusterRoleBinding ${binding.metadata?.name} refers to a missing ClusterRole ${binding.roleRef?.name}`,
      );
    }
    grants.clusterRules.push(...(role.rules ?? []));
    grants.roles.push(`ClusterRole/${role.metadata?.name}`);
  }
  for (const binding of objects.filter(
    o => o.kind === 'RoleBinding' && isSubject(o),
  )) {
    const namespace = binding.metadata?.namespace ?? 'default';
    const role =
      binding.roleRef?.kind === 'ClusterRole'
        ? find('ClusterRole', binding.roleRef.name)
        : find('Role', binding.roleRef?.name, namespace);
    if (!role) {
      throw new Error(
        `RoleBinding ${namespace}/${binding.metadata?.name} refers to a missing ${binding.roleRef?.kind} ${binding.roleRef?.name}`,
      );
    }
    const list = grants.namespaceRules.get(namespace) ?? [];
    list.push(...(role.rules ?? []));
    grants.namespaceRules.set(namespace, list);
    grants.roles.push(`${role.kind}/${namespace}/${role.metadata?.name}`);
  }
  return grants;
}

/** The rule that allows the request, if any (default authenticated-user rules included). */
export function allowingRule(
  grants: SubjectGrants,
  attrs: RequestAttributes,
): PolicyRule | undefined {
  const candidates = [...DEFAULT_AUTHENTICATED_RULES, ...grants.clusterRules];
  if (attrs.resourceRequest && attrs.namespace !== undefined) {
    candidates.push(...(grants.namespaceRules.get(attrs.namespace) ?? []));
  }
  return candidates.find(rule => ruleAllows(rule, attrs));
}

/** Every (apiGroup, resource, verb) a rule grants, as `group/resource:verb` (core group: `/resource:verb`). */
export function grantedTriples(rules: PolicyRule[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs) out.push(`${group}/${resource}:${verb}`);
      }
    }
  }
  return out;
}

export function attributesTriple(attrs: RequestAttributes): string {
  const resource = attrs.subresource
    ? `${attrs.resource}/${attrs.subresource}`
    : attrs.resource;
  return `${attrs.apiGroup ?? ''}/${resource}:${attrs.verb}`;
}
