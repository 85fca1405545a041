/**
 * The built-in kinds every simulated cluster serves (a subset of a real kube-apiserver),
 * with the field selectors the real server supports for them.
 */

export interface FieldSpec {
  /** The field selector label, e.g. `spec.nodeName`. */
  label: string;
  /** Dotted path in the object when it differs from the label. */
  path?: string;
  /** How an unset value reads: '' for strings, 'false' for bools, '0' for ints. */
  type?: 'string' | 'bool' | 'int';
}

export interface BuiltinResource {
  group: string;
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  fields?: FieldSpec[];
  subresources?: string[];
  /** First Kubernetes minor that serves this resource. */
  fromMinor?: number;
}

export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

const CREATE_ONLY = ['create'];

/**
 * Group/versions whose serving depends on the Kubernetes minor or on opt-in:
 * - `fromMinor`: served from that minor on.
 * - `optIn`: served only when the cluster holds objects of that apiVersion, or its features enable it.
 * A cluster's features (features.yaml) can force any group/version on or off.
 */
export const GATED_GROUP_VERSIONS: Record<
  string,
  { fromMinor?: number; optIn?: boolean }
> = {
  'resource.k8s.io/v1': { fromMinor: 34 },
  'resource.k8s.io/v1beta1': { optIn: true },
  'resource.k8s.io/v1beta2': { optIn: true },
};

const ALL = ['all'];
const EXT = ['api-extensions'];
const DRA_VERSIONS = ['v1', 'v1beta2', 'v1beta1'];

export const BUILTIN_RESOURCES: BuiltinResource[] = [
  // core/v1
  {
    group: '',
    versions: ['v1'],
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    fields: [{ label: 'status.phase' }],
    subresources: ['status', 'finalize'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    fields: [{ label: 'spec.unschedulable', type: 'bool' }],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ALL,
    fields: [
      { label: 'spec.nodeName' },
      { label: 'spec.restartPolicy' },
      { label: 'spec.schedulerName' },
      { label: 'spec.serviceAccountName' },
      { label: 'spec.hostNetwork', type: 'bool' },
      { label: 'status.phase' },
      { label: 'status.podIP' },
      { label: 'status.nominatedNodeName' },
    ],
    subresources: ['status', 'log'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ALL,
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'endpoints',
    singular: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    fields: [{ label: 'type' }],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    fields: [
      { label: 'involvedObject.kind' },
      { label: 'involvedObject.namespace' },
      { label: 'involvedObject.name' },
      { label: 'involvedObject.uid' },
      { label: 'involvedObject.apiVersion' },
      { label: 'involvedObject.resourceVersion' },
      { label: 'involvedObject.fieldPath' },
      { label: 'reason' },
      { label: 'reportingComponent' },
      { label: 'source', path: 'source.component' },
      { label: 'type' },
    ],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'persistentvolumes',
    singular: 'persistentvolume',
    kind: 'PersistentVolume',
    namespaced: false,
    shortNames: ['pv'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'limitranges',
    singular: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'resourcequotas',
    singular: 'resourcequota',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
    subresources: ['status'],
  },
  {
    group: '',
    versions: ['v1'],
    plural: 'replicationcontrollers',
    singular: 'replicationcontroller',
    kind: 'ReplicationController',
    namespaced: true,
    shortNames: ['rc'],
    categories: ALL,
    fields: [{ label: 'status.replicas', type: 'int' }],
    subresources: ['status', 'scale'],
  },
  // apps/v1
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ALL,
    subresources: ['status', 'scale'],
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    categories: ALL,
    subresources: ['status'],
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ALL,
    subresources: ['status', 'scale'],
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ALL,
    fields: [{ label: 'status.replicas', type: 'int' }],
    subresources: ['status', 'scale'],
  },
  {
    group: 'apps',
    versions: ['v1'],
    plural: 'controllerrevisions',
    singular: 'controllerrevision',
    kind: 'ControllerRevision',
    namespaced: true,
  },
  // batch/v1
  {
    group: 'batch',
    versions: ['v1'],
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    namespaced: true,
    categories: ALL,
    fields: [{ label: 'status.successful', type: 'int' }],
    subresources: ['status'],
  },
  {
    group: 'batch',
    versions: ['v1'],
    plural: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
    categories: ALL,
    subresources: ['status'],
  },
  // autoscaling
  {
    group: 'autoscaling',
    versions: ['v2', 'v1'],
    plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ALL,
    subresources: ['status'],
  },
  // policy, networking, discovery, events
  {
    group: 'policy',
    versions: ['v1'],
    plural: 'poddisruptionbudgets',
    singular: 'poddisruptionbudget',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
    subresources: ['status'],
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
    subresources: ['status'],
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'ingressclasses',
    singular: 'ingressclass',
    kind: 'IngressClass',
    namespaced: false,
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    kind: 'NetworkPolicy',
    namespaced: true,
    shortNames: ['netpol'],
  },
  {
    group: 'discovery.k8s.io',
    versions: ['v1'],
    plural: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    namespaced: true,
  },
  {
    group: 'events.k8s.io',
    versions: ['v1'],
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  // node, scheduling, coordination
  {
    group: 'node.k8s.io',
    versions: ['v1'],
    plural: 'runtimeclasses',
    singular: 'runtimeclass',
    kind: 'RuntimeClass',
    namespaced: false,
  },
  {
    group: 'scheduling.k8s.io',
    versions: ['v1'],
    plural: 'priorityclasses',
    singular: 'priorityclass',
    kind: 'PriorityClass',
    namespaced: false,
    shortNames: ['pc'],
  },
  {
    group: 'coordination.k8s.io',
    versions: ['v1'],
    plural: 'leases',
    singular: 'lease',
    kind: 'Lease',
    namespaced: true,
  },
  // extension points
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: EXT,
    subresources: ['status'],
  },
  {
    group: 'apiregistration.k8s.io',
    versions: ['v1'],
    plural: 'apiservices',
    singular: 'apiservice',
    kind: 'APIService',
    namespaced: false,
    categories: EXT,
    subresources: ['status'],
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'validatingwebhookconfigurations',
    singular: 'validatingwebhookconfiguration',
    kind: 'ValidatingWebhookConfiguration',
    namespaced: false,
    categories: EXT,
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'mutatingwebhookconfigurations',
    singular: 'mutatingwebhookconfiguration',
    kind: 'MutatingWebhookConfiguration',
    namespaced: false,
    categories: EXT,
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'validatingadmissionpolicies',
    singular: 'validatingadmissionpolicy',
    kind: 'ValidatingAdmissionPolicy',
    namespaced: false,
    categories: EXT,
    fromMinor: 30,
    subresources: ['status'],
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    plural: 'validatingadmissionpolicybindings',
    singular: 'validatingadmissionpolicybinding',
    kind: 'ValidatingAdmissionPolicyBinding',
    namespaced: false,
    categories: EXT,
    fromMinor: 30,
  },
  // RBAC
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    plural: 'clusterroles',
    singular: 'clusterrole',
    kind: 'ClusterRole',
    namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    plural: 'clusterrolebindings',
    singular: 'clusterrolebinding',
    kind: 'ClusterRoleBinding',
    namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    plural: 'roles',
    singular: 'role',
    kind: 'Role',
    namespaced: true,
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    plural: 'rolebindings',
    singular: 'rolebinding',
    kind: 'RoleBinding',
    namespaced: true,
  },
  // authn/authz reviews (create only; SelfSubjectAccessReview answers from the token's restrictions)
  {
    group: 'authentication.k8s.io',
    versions: ['v1'],
    plural: 'tokenreviews',
    singular: 'tokenreview',
    kind: 'TokenReview',
    namespaced: false,
    verbs: CREATE_ONLY,
  },
  {
    group: 'authentication.k8s.io',
    versions: ['v1'],
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    kind: 'SelfSubjectReview',
    namespaced: false,
    verbs: CREATE_ONLY,
  },
  {
    group: 'authorization.k8s.io',
    versions: ['v1'],
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
    verbs: CREATE_ONLY,
  },
  {
    group: 'authorization.k8s.io',
    versions: ['v1'],
    plural: 'subjectaccessreviews',
    singular: 'subjectaccessreview',
    kind: 'SubjectAccessReview',
    namespaced: false,
    verbs: CREATE_ONLY,
  },
  // storage
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    plural: 'storageclasses',
    singular: 'storageclass',
    kind: 'StorageClass',
    namespaced: false,
    shortNames: ['sc'],
  },
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    plural: 'csidrivers',
    singular: 'csidriver',
    kind: 'CSIDriver',
    namespaced: false,
  },
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    plural: 'csinodes',
    singular: 'csinode',
    kind: 'CSINode',
    namespaced: false,
  },
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    plural: 'volumeattachments',
    singular: 'volumeattachment',
    kind: 'VolumeAttachment',
    namespaced: false,
    subresources: ['status'],
  },
  // certificates
  {
    group: 'certificates.k8s.io',
    versions: ['v1'],
    plural: 'certificatesigningrequests',
    singular: 'certificatesigningrequest',
    kind: 'CertificateSigningRequest',
    namespaced: false,
    shortNames: ['csr'],
    fields: [{ label: 'spec.signerName' }],
    subresources: ['status', 'approval'],
  },
  // Dynamic Resource Allocation (versions gated, see GATED_GROUP_VERSIONS)
  {
    group: 'resource.k8s.io',
    versions: DRA_VERSIONS,
    plural: 'deviceclasses',
    singular: 'deviceclass',
    kind: 'DeviceClass',
    namespaced: false,
  },
  {
    group: 'resource.k8s.io',
    versions: DRA_VERSIONS,
    plural: 'resourceslices',
    singular: 'resourceslice',
    kind: 'ResourceSlice',
    namespaced: false,
    fields: [{ label: 'spec.nodeName' }, { label: 'spec.driver' }],
  },
  {
    group: 'resource.k8s.io',
    versions: DRA_VERSIONS,
    plural: 'resourceclaims',
    singular: 'resourceclaim',
    kind: 'ResourceClaim',
    namespaced: true,
    subresources: ['status'],
  },
  {
    group: 'resource.k8s.io',
    versions: DRA_VERSIONS,
    plural: 'resourceclaimtemplates',
    singular: 'resourceclaimtemplate',
    kind: 'ResourceClaimTemplate',
    namespaced: true,
  },
];

/** The namespaces every real cluster has. */
export const DEFAULT_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];
