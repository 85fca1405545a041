import {
  annotations,
  anyArray,
  anyObject,
  arrayOf,
  boolean,
  dnsLabel,
  dnsSubdomain,
  integer,
  intOrString,
  JsonSchema,
  kindSchema,
  labelSelector,
  labels,
  mapOf,
  nonEmptyString,
  object,
  objectMeta,
  oneOfStrings,
  PORT_NAME,
  portNumber,
  portRef,
  quantity,
  QUALIFIED_NAME,
  string,
  templateMeta,
} from './building';

// Core Kubernetes kinds (v1, apps/v1, batch/v1, resource.k8s.io/v1), limited
// to the fields the golden paths and their users write.

const keySelector = object(
  { name: nonEmptyString, key: nonEmptyString, optional: boolean },
  ['key'],
);

const envVar = object(
  {
    name: nonEmptyString,
    value: string(),
    valueFrom: object({
      secretKeyRef: keySelector,
      configMapKeyRef: keySelector,
      fieldRef: object({ fieldPath: nonEmptyString, apiVersion: string() }, [
        'fieldPath',
      ]),
      resourceFieldRef: object(
        {
          resource: nonEmptyString,
          containerName: string(),
          divisor: quantity,
        },
        ['resource'],
      ),
    }),
  },
  ['name'],
);

const envFromSource = object({
  prefix: string(),
  configMapRef: object({ name: nonEmptyString, optional: boolean }, ['name']),
  secretRef: object({ name: nonEmptyString, optional: boolean }, ['name']),
});

export const resourceRequirements = object({
  limits: mapOf(quantity, string({ pattern: QUALIFIED_NAME })),
  requests: mapOf(quantity, string({ pattern: QUALIFIED_NAME })),
  claims: arrayOf(object({ name: dnsLabel, request: string() }, ['name'])),
});

const probe = object({
  httpGet: object(
    {
      path: string(),
      port: portRef,
      host: string(),
      scheme: oneOfStrings('HTTP', 'HTTPS'),
      httpHeaders: arrayOf(
        object({ name: nonEmptyString, value: string() }, ['name', 'value']),
      ),
    },
    ['port'],
  ),
  tcpSocket: object({ port: portRef, host: string() }, ['port']),
  exec: object({ command: arrayOf(string()) }),
  grpc: object({ port: portNumber, service: string() }, ['port']),
  initialDelaySeconds: integer(0),
  periodSeconds: integer(1),
  timeoutSeconds: integer(1),
  successThreshold: integer(1),
  failureThreshold: integer(1),
  terminationGracePeriodSeconds: integer(1),
});

const containerFields: Record<string, JsonSchema> = {
  name: dnsLabel,
  image: nonEmptyString,
  command: arrayOf(string()),
  args: arrayOf(string()),
  workingDir: string(),
  ports: arrayOf(
    object(
      {
        name: string({ pattern: PORT_NAME, maxLength: 15 }),
        containerPort: portNumber,
        hostPort: portNumber,
        hostIP: string(),
        protocol: oneOfStrings('TCP', 'UDP', 'SCTP'),
      },
      ['containerPort'],
    ),
  ),
  env: arrayOf(envVar),
  envFrom: arrayOf(envFromSource),
  resources: resourceRequirements,
  resizePolicy: anyArray,
  volumeMounts: arrayOf(
    object(
      {
        name: dnsLabel,
        mountPath: string({ pattern: '^/' }),
        readOnly: boolean,
        subPath: string(),
        subPathExpr: string(),
        mountPropagation: oneOfStrings(
          'None',
          'HostToContainer',
          'Bidirectional',
        ),
        recursiveReadOnly: string(),
      },
      ['name', 'mountPath'],
    ),
  ),
  volumeDevices: anyArray,
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: anyObject,
  imagePullPolicy: oneOfStrings('Always', 'IfNotPresent', 'Never'),
  securityContext: anyObject,
  restartPolicy: oneOfStrings('Always'),
  terminationMessagePath: string(),
  terminationMessagePolicy: oneOfStrings('File', 'FallbackToLogsOnError'),
  stdin: boolean,
  stdinOnce: boolean,
  tty: boolean,
};

export const container = object(containerFields, ['name', 'image']);

/** KServe's predictor `model` is a container without a required name or image. */
export { containerFields };

const volume = object(
  {
    name: dnsLabel,
    emptyDir: object({
      medium: oneOfStrings('', 'Memory'),
      sizeLimit: quantity,
    }),
    persistentVolumeClaim: object(
      { claimName: dnsSubdomain, readOnly: boolean },
      ['claimName'],
    ),
    configMap: object({
      name: nonEmptyString,
      items: anyArray,
      defaultMode: integer(0, 511),
      optional: boolean,
    }),
    secret: object({
      secretName: nonEmptyString,
      items: anyArray,
      defaultMode: integer(0, 511),
      optional: boolean,
    }),
    image: object(
      {
        reference: nonEmptyString,
        pullPolicy: oneOfStrings('Always', 'Never', 'IfNotPresent'),
      },
      ['reference'],
    ),
    hostPath: object({ path: nonEmptyString, type: string() }, ['path']),
    ephemeral: anyObject,
    projected: anyObject,
    downwardAPI: anyObject,
    csi: anyObject,
    nfs: anyObject,
  },
  ['name'],
  {
    minProperties: 2,
    maxProperties: 2,
    'x-message':
      'must have a name and exactly one source (emptyDir, persistentVolumeClaim, image, configMap, secret, ...)',
  },
);

const toleration = object({
  key: string(),
  operator: oneOfStrings('Exists', 'Equal'),
  value: string(),
  effect: oneOfStrings('', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'),
  tolerationSeconds: integer(),
});

export const podSpec = object(
  {
    containers: arrayOf(container, { minItems: 1 }),
    initContainers: arrayOf(container),
    volumes: arrayOf(volume),
    nodeSelector: mapOf(string()),
    nodeName: string(),
    tolerations: arrayOf(toleration),
    affinity: anyObject,
    topologySpreadConstraints: anyArray,
    serviceAccountName: dnsSubdomain,
    automountServiceAccountToken: boolean,
    restartPolicy: oneOfStrings('Always', 'OnFailure', 'Never'),
    schedulerName: nonEmptyString,
    priorityClassName: string(),
    priority: integer(),
    preemptionPolicy: string(),
    runtimeClassName: dnsSubdomain,
    shareProcessNamespace: boolean,
    hostNetwork: boolean,
    hostIPC: boolean,
    hostPID: boolean,
    hostUsers: boolean,
    hostname: dnsLabel,
    subdomain: dnsLabel,
    setHostnameAsFQDN: boolean,
    dnsPolicy: oneOfStrings(
      'ClusterFirst',
      'ClusterFirstWithHostNet',
      'Default',
      'None',
    ),
    dnsConfig: anyObject,
    securityContext: anyObject,
    terminationGracePeriodSeconds: integer(0),
    activeDeadlineSeconds: integer(1),
    imagePullSecrets: arrayOf(object({ name: nonEmptyString }, ['name'])),
    enableServiceLinks: boolean,
    resourceClaims: arrayOf(
      object(
        {
          name: dnsLabel,
          resourceClaimName: dnsSubdomain,
          resourceClaimTemplateName: dnsSubdomain,
        },
        ['name'],
      ),
    ),
    overhead: mapOf(quantity),
    readinessGates: anyArray,
    schedulingGates: anyArray,
    os: anyObject,
    resources: resourceRequirements,
  },
  ['containers'],
);

export const podTemplateSpec = object(
  { metadata: templateMeta, spec: podSpec },
  ['spec'],
);

export const jobSpec = object(
  {
    template: podTemplateSpec,
    parallelism: integer(0),
    completions: integer(0),
    completionMode: oneOfStrings('NonIndexed', 'Indexed'),
    backoffLimit: integer(0),
    backoffLimitPerIndex: integer(0),
    maxFailedIndexes: integer(0),
    activeDeadlineSeconds: integer(1),
    ttlSecondsAfterFinished: integer(0),
    suspend: boolean,
    podFailurePolicy: anyObject,
    successPolicy: anyObject,
    podReplacementPolicy: oneOfStrings('TerminatingOrFailed', 'Failed'),
    manualSelector: boolean,
    selector: labelSelector,
    managedBy: string(),
  },
  ['template'],
);

export const jobTemplateSpec = object(
  { metadata: templateMeta, spec: jobSpec },
  ['spec'],
);

const deployment = kindSchema({
  apiVersions: ['apps/v1'],
  kind: 'Deployment',
  spec: object(
    {
      replicas: integer(0),
      selector: labelSelector,
      template: podTemplateSpec,
      strategy: object({
        type: oneOfStrings('Recreate', 'RollingUpdate'),
        rollingUpdate: object({
          maxSurge: intOrString,
          maxUnavailable: intOrString,
        }),
      }),
      minReadySeconds: integer(0),
      revisionHistoryLimit: integer(0),
      progressDeadlineSeconds: integer(1),
      paused: boolean,
    },
    ['selector', 'template'],
  ),
});

const service = kindSchema({
  apiVersions: ['v1'],
  kind: 'Service',
  metadata: objectMeta({ name: dnsLabel }),
  spec: object({
    type: oneOfStrings('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    selector: mapOf(string()),
    ports: arrayOf(
      object(
        {
          // Service port names are DNS labels; container port names are IANA service names (15 characters).
          name: dnsLabel,
          port: portNumber,
          targetPort: portRef,
          nodePort: portNumber,
          protocol: oneOfStrings('TCP', 'UDP', 'SCTP'),
          appProtocol: string(),
        },
        ['port'],
      ),
    ),
    clusterIP: string(),
    clusterIPs: arrayOf(string()),
    externalName: string(),
    sessionAffinity: oneOfStrings('None', 'ClientIP'),
    externalTrafficPolicy: oneOfStrings('Cluster', 'Local'),
    internalTrafficPolicy: oneOfStrings('Cluster', 'Local'),
    ipFamilies: arrayOf(oneOfStrings('IPv4', 'IPv6')),
    ipFamilyPolicy: oneOfStrings(
      'SingleStack',
      'PreferDualStack',
      'RequireDualStack',
    ),
    loadBalancerClass: string(),
    loadBalancerIP: string(),
    loadBalancerSourceRanges: arrayOf(string()),
    allocateLoadBalancerNodePorts: boolean,
    externalIPs: arrayOf(string()),
    healthCheckNodePort: portNumber,
    sessionAffinityConfig: anyObject,
    publishNotReadyAddresses: boolean,
    trafficDistribution: string(),
  }),
});

const job = kindSchema({
  apiVersions: ['batch/v1'],
  kind: 'Job',
  spec: jobSpec,
});

const persistentVolumeClaim = kindSchema({
  apiVersions: ['v1'],
  kind: 'PersistentVolumeClaim',
  spec: object(
    {
      accessModes: arrayOf(
        oneOfStrings(
          'ReadWriteOnce',
          'ReadOnlyMany',
          'ReadWriteMany',
          'ReadWriteOncePod',
        ),
        { minItems: 1 },
      ),
      resources: object(
        {
          requests: object({ storage: quantity }, ['storage']),
          limits: object({ storage: quantity }),
        },
        ['requests'],
      ),
      storageClassName: { type: ['string', 'null'] },
      volumeMode: oneOfStrings('Filesystem', 'Block'),
      volumeName: string(),
      selector: labelSelector,
      dataSource: anyObject,
      dataSourceRef: anyObject,
      volumeAttributesClassName: string(),
    },
    ['accessModes', 'resources'],
  ),
});

const configMap = kindSchema({
  apiVersions: ['v1'],
  kind: 'ConfigMap',
  topLevel: {
    data: mapOf(string()),
    binaryData: mapOf(string()),
    immutable: boolean,
  },
});

const namespace = kindSchema({
  apiVersions: ['v1'],
  kind: 'Namespace',
  metadata: objectMeta({ name: dnsLabel }),
  spec: object({ finalizers: arrayOf(string()) }),
  specRequired: false,
});

const serviceAccount = kindSchema({
  apiVersions: ['v1'],
  kind: 'ServiceAccount',
  topLevel: {
    automountServiceAccountToken: boolean,
    imagePullSecrets: arrayOf(object({ name: nonEmptyString }, ['name'])),
    secrets: anyArray,
  },
});

const deviceRequest = object(
  {
    name: dnsLabel,
    exactly: object(
      {
        deviceClassName: dnsSubdomain,
        selectors: arrayOf(
          object({
            cel: object({ expression: nonEmptyString }, ['expression']),
          }),
        ),
        allocationMode: oneOfStrings('ExactCount', 'All'),
        count: integer(1),
        adminAccess: boolean,
        tolerations: anyArray,
        capacity: anyObject,
      },
      ['deviceClassName'],
    ),
    firstAvailable: arrayOf(anyObject, { minItems: 1 }),
  },
  ['name'],
  {
    minProperties: 2,
    'x-message': 'must say how to pick devices: exactly or firstAvailable',
  },
);

const resourceClaimTemplate = kindSchema({
  apiVersions: ['resource.k8s.io/v1'],
  kind: 'ResourceClaimTemplate',
  spec: object(
    {
      metadata: object({ labels, annotations }),
      spec: object(
        {
          devices: object(
            {
              requests: arrayOf(deviceRequest, { minItems: 1 }),
              constraints: anyArray,
              config: anyArray,
            },
            ['requests'],
          ),
        },
        ['devices'],
      ),
    },
    ['spec'],
  ),
});

/** `apiVersion/kind` → schema of the core kinds. */
export const coreKindSchemas: Record<string, JsonSchema> = {
  'apps/v1/Deployment': deployment,
  'v1/Service': service,
  'batch/v1/Job': job,
  'v1/PersistentVolumeClaim': persistentVolumeClaim,
  'v1/ConfigMap': configMap,
  'v1/Namespace': namespace,
  'v1/ServiceAccount': serviceAccount,
  'resource.k8s.io/v1/ResourceClaimTemplate': resourceClaimTemplate,
};
