import {
  anyArray,
  anyObject,
  arrayOf,
  boolean,
  dnsLabel,
  dnsSubdomain,
  duration,
  httpUrl,
  integer,
  JsonSchema,
  kindSchema,
  labels,
  mapOf,
  nonEmptyString,
  object,
  oneOfStrings,
  portNumber,
  string,
} from './building';
import {
  containerFields,
  jobTemplateSpec,
  podSpec,
  podTemplateSpec,
} from './core';

// The custom resources the golden paths generate, after their upstream
// CRDs: Gateway API Inference Extension, KServe, kagent, Kueue, JobSet, Volcano.

// --- Gateway API and the Inference Extension -------------------------------

const parentRef = object(
  {
    group: string(),
    kind: string(),
    namespace: dnsLabel,
    name: dnsSubdomain,
    sectionName: dnsSubdomain,
    port: portNumber,
  },
  ['name'],
);

const backendRef = object(
  {
    group: string(),
    kind: string(),
    name: dnsSubdomain,
    namespace: dnsLabel,
    port: portNumber,
    weight: integer(0, 1_000_000),
    filters: anyArray,
  },
  ['name'],
);

const httpRoute = kindSchema({
  apiVersions: ['gateway.networking.k8s.io/v1'],
  kind: 'HTTPRoute',
  spec: object({
    parentRefs: arrayOf(parentRef, { minItems: 1, maxItems: 32 }),
    hostnames: arrayOf(string({ minLength: 1, maxLength: 253 })),
    rules: arrayOf(
      object({
        name: dnsSubdomain,
        matches: arrayOf(
          object({
            path: object({
              type: oneOfStrings('Exact', 'PathPrefix', 'RegularExpression'),
              value: string({ pattern: '^/' }),
            }),
            headers: arrayOf(
              object(
                {
                  type: oneOfStrings('Exact', 'RegularExpression'),
                  name: nonEmptyString,
                  value: string(),
                },
                ['name', 'value'],
              ),
            ),
            queryParams: anyArray,
            method: oneOfStrings(
              'GET',
              'HEAD',
              'POST',
              'PUT',
              'DELETE',
              'CONNECT',
              'OPTIONS',
              'TRACE',
              'PATCH',
            ),
          }),
        ),
        filters: anyArray,
        backendRefs: arrayOf(backendRef),
        timeouts: object({ request: duration, backendRequest: duration }),
        retry: anyObject,
        sessionPersistence: anyObject,
      }),
      { maxItems: 16 },
    ),
  }),
});

const inferencePool = kindSchema({
  apiVersions: ['inference.networking.k8s.io/v1'],
  kind: 'InferencePool',
  spec: object(
    {
      selector: object({ matchLabels: { ...labels, minProperties: 1 } }, [
        'matchLabels',
      ]),
      targetPorts: arrayOf(object({ number: portNumber }, ['number']), {
        minItems: 1,
        maxItems: 8,
      }),
      appProtocol: oneOfStrings('http', 'kubernetes.io/h2c'),
      endpointPickerRef: object(
        {
          group: string(),
          kind: string(),
          name: dnsLabel,
          port: object({ number: portNumber }, ['number']),
          failureMode: oneOfStrings('FailOpen', 'FailClose'),
        },
        ['name'],
      ),
    },
    ['selector', 'targetPorts'],
  ),
});

// --- KServe ----------------------------------------------------------------

const kserveModel = object(
  {
    ...containerFields,
    modelFormat: object({ name: nonEmptyString, version: string() }, ['name']),
    runtime: dnsSubdomain,
    storageUri: string({ pattern: '^[a-z][a-z0-9+.-]*://\\S+$' }),
    protocolVersion: oneOfStrings('v1', 'v2', 'grpc-v1', 'grpc-v2'),
  },
  ['modelFormat'],
);

const kservePredictor = object(
  {
    model: kserveModel,
    containers: arrayOf(object(containerFields, ['name'])),
    minReplicas: integer(0),
    maxReplicas: integer(0),
    scaleTarget: integer(1),
    scaleMetric: oneOfStrings('cpu', 'memory', 'concurrency', 'rps'),
    scaleMetricType: string(),
    autoScaling: anyObject,
    containerConcurrency: integer(0),
    timeout: integer(1),
    canaryTrafficPercent: integer(0, 100),
    deploymentStrategy: anyObject,
    serviceAccountName: dnsSubdomain,
    nodeSelector: mapOf(string()),
    tolerations: (podSpec.properties as Record<string, JsonSchema>).tolerations,
    affinity: anyObject,
    volumes: (podSpec.properties as Record<string, JsonSchema>).volumes,
    imagePullSecrets: anyArray,
    runtimeClassName: dnsSubdomain,
    schedulerName: nonEmptyString,
    priorityClassName: string(),
    securityContext: anyObject,
    labels,
    annotations: mapOf(string()),
    logger: anyObject,
    batcher: anyObject,
    workerSpec: anyObject,
    initContainers: anyArray,
    resourceClaims: anyArray,
  },
  [],
  {
    minProperties: 1,
    'x-message': 'must give a model (or containers)',
  },
);

const inferenceService = kindSchema({
  apiVersions: ['serving.kserve.io/v1beta1'],
  kind: 'InferenceService',
  spec: object(
    {
      predictor: kservePredictor,
      transformer: anyObject,
      explainer: anyObject,
    },
    ['predictor'],
  ),
});

// --- kagent ----------------------------------------------------------------

const valueRef = object(
  {
    name: nonEmptyString,
    value: string(),
    valueFrom: object(
      {
        type: oneOfStrings('Secret', 'ConfigMap'),
        name: dnsSubdomain,
        key: nonEmptyString,
      },
      ['type', 'name', 'key'],
    ),
  },
  ['name'],
);

const kagentTool = object({
  type: oneOfStrings('McpServer', 'Agent'),
  mcpServer: object(
    {
      name: dnsSubdomain,
      namespace: dnsLabel,
      kind: oneOfStrings('RemoteMCPServer', 'MCPServer', 'Service'),
      apiGroup: string(),
      toolNames: arrayOf(nonEmptyString),
      requireApproval: arrayOf(nonEmptyString),
      allowedHeaders: arrayOf(nonEmptyString),
    },
    ['name'],
  ),
  agent: object({ name: dnsSubdomain, namespace: dnsLabel }, ['name']),
  headersFrom: arrayOf(valueRef),
});

const agent = kindSchema({
  apiVersions: ['kagent.dev/v1alpha2'],
  kind: 'Agent',
  spec: object(
    {
      type: oneOfStrings('Declarative', 'BYO'),
      description: string(),
      declarative: object({
        runtime: oneOfStrings('python', 'go'),
        systemMessage: string(),
        systemMessageFrom: anyObject,
        promptTemplate: anyObject,
        modelConfig: dnsSubdomain,
        stream: boolean,
        memory: anyObject,
        tools: arrayOf(kagentTool),
        a2aConfig: object({
          skills: arrayOf(
            object(
              {
                id: nonEmptyString,
                name: nonEmptyString,
                description: string(),
                tags: arrayOf(string()),
                examples: arrayOf(string()),
                inputModes: arrayOf(string()),
                outputModes: arrayOf(string()),
              },
              ['id', 'name'],
            ),
          ),
        }),
        deployment: anyObject,
        context: anyObject,
        executeCodeBlocks: boolean,
      }),
      byo: anyObject,
      skills: anyObject,
      sandbox: anyObject,
      allowedNamespaces: anyObject,
      iconUrl: string(),
      documentationUrl: string(),
      version: string(),
      provider: anyObject,
    },
    ['type'],
  ),
});

const modelConfig = kindSchema({
  apiVersions: ['kagent.dev/v1alpha2'],
  kind: 'ModelConfig',
  spec: object(
    {
      provider: oneOfStrings(
        'Anthropic',
        'OpenAI',
        'AzureOpenAI',
        'Ollama',
        'Gemini',
        'GeminiVertexAI',
        'AnthropicVertexAI',
        'Bedrock',
        'SAPAICore',
        'Foundry',
      ),
      model: nonEmptyString,
      apiKeySecret: dnsSubdomain,
      apiKeySecretKey: nonEmptyString,
      apiKeyPassthrough: boolean,
      defaultHeaders: mapOf(string()),
      tls: anyObject,
      openAI: object({
        baseUrl: httpUrl,
        organization: string(),
        temperature: string(),
        maxTokens: integer(1),
        topP: string(),
        frequencyPenalty: string(),
        presencePenalty: string(),
        seed: integer(),
        n: integer(1),
        timeout: integer(1),
        reasoningEffort: string(),
      }),
      anthropic: anyObject,
      azureOpenAI: anyObject,
      ollama: anyObject,
      gemini: anyObject,
      geminiVertexAI: anyObject,
      anthropicVertexAI: anyObject,
      bedrock: anyObject,
      sapAICore: anyObject,
      foundry: anyObject,
    },
    ['provider', 'model'],
  ),
});

const remoteMcpServer = kindSchema({
  apiVersions: ['kagent.dev/v1alpha2'],
  kind: 'RemoteMCPServer',
  spec: object(
    {
      description: string(),
      protocol: oneOfStrings('SSE', 'STREAMABLE_HTTP'),
      url: httpUrl,
      headersFrom: arrayOf(valueRef),
      timeout: duration,
      sseReadTimeout: duration,
      terminateOnClose: boolean,
      allowedNamespaces: anyObject,
    },
    ['description', 'url'],
  ),
});

// --- Dapr ------------------------------------------------------------------

const daprComponent = kindSchema({
  apiVersions: ['dapr.io/v1alpha1'],
  kind: 'Component',
  spec: object(
    {
      type: string({ pattern: '^[a-z0-9]+\\.[a-z0-9.-]+$' }),
      version: string({ pattern: '^v[0-9]+' }),
      metadata: arrayOf(
        object(
          {
            name: nonEmptyString,
            value: {},
            secretKeyRef: object({ name: nonEmptyString, key: string() }, [
              'name',
            ]),
          },
          ['name'],
        ),
      ),
      initTimeout: string(),
      ignoreErrors: boolean,
    },
    ['type', 'version'],
  ),
  topLevel: {
    scopes: arrayOf(nonEmptyString),
    auth: object({ secretStore: nonEmptyString }),
  },
});

// --- Gang scheduling: Kueue, JobSet, Volcano --------------------------------

const localQueue = kindSchema({
  apiVersions: ['kueue.x-k8s.io/v1beta1', 'kueue.x-k8s.io/v1beta2'],
  kind: 'LocalQueue',
  spec: object(
    {
      clusterQueue: dnsSubdomain,
      stopPolicy: oneOfStrings('None', 'Hold', 'HoldAndDrain'),
      fairSharing: anyObject,
    },
    ['clusterQueue'],
  ),
});

const jobSet = kindSchema({
  apiVersions: ['jobset.x-k8s.io/v1alpha2'],
  kind: 'JobSet',
  spec: object(
    {
      replicatedJobs: arrayOf(
        object(
          {
            name: dnsLabel,
            replicas: integer(1),
            template: jobTemplateSpec,
            dependsOn: arrayOf(
              object(
                {
                  name: dnsLabel,
                  status: oneOfStrings('Ready', 'Complete'),
                },
                ['name', 'status'],
              ),
            ),
          },
          ['name', 'template'],
        ),
        { minItems: 1 },
      ),
      network: object({
        enableDNSHostnames: boolean,
        subdomain: dnsLabel,
        publishNotReadyAddresses: boolean,
      }),
      successPolicy: object({
        operator: oneOfStrings('All', 'Any'),
        targetReplicatedJobs: arrayOf(dnsLabel),
      }),
      failurePolicy: object({
        maxRestarts: integer(0),
        restartStrategy: oneOfStrings('Recreate', 'BlockingRecreate'),
        rules: anyArray,
      }),
      startupPolicy: object({
        startupPolicyOrder: oneOfStrings('AnyOrder', 'InOrder'),
      }),
      suspend: boolean,
      coordinator: anyObject,
      managedBy: string(),
      ttlSecondsAfterFinished: integer(0),
    },
    ['replicatedJobs'],
  ),
});

const volcanoJob = kindSchema({
  apiVersions: ['batch.volcano.sh/v1alpha1'],
  kind: 'Job',
  spec: object(
    {
      schedulerName: nonEmptyString,
      minAvailable: integer(0),
      minSuccess: integer(1),
      queue: dnsSubdomain,
      priorityClassName: string(),
      maxRetry: integer(0),
      ttlSecondsAfterFinished: integer(0),
      runningEstimate: duration,
      tasks: arrayOf(
        object(
          {
            name: dnsLabel,
            replicas: integer(0),
            minAvailable: integer(0),
            template: podTemplateSpec,
            policies: anyArray,
            topologyPolicy: string(),
            maxRetry: integer(0),
            dependsOn: anyObject,
          },
          ['name', 'replicas', 'template'],
        ),
        { minItems: 1 },
      ),
      policies: arrayOf(
        object({
          event: string(),
          events: arrayOf(string()),
          action: string(),
          exitCode: integer(),
          timeout: duration,
        }),
      ),
      plugins: mapOf(arrayOf(string())),
      volumes: anyArray,
      networkTopology: anyObject,
    },
    ['tasks'],
  ),
});

/** `apiVersion/kind` → schema of the custom resources. */
export const crdKindSchemas: Record<string, JsonSchema> = {
  'gateway.networking.k8s.io/v1/HTTPRoute': httpRoute,
  'inference.networking.k8s.io/v1/InferencePool': inferencePool,
  'serving.kserve.io/v1beta1/InferenceService': inferenceService,
  'kagent.dev/v1alpha2/Agent': agent,
  'kagent.dev/v1alpha2/ModelConfig': modelConfig,
  'kagent.dev/v1alpha2/RemoteMCPServer': remoteMcpServer,
  'dapr.io/v1alpha1/Component': daprComponent,
  'kueue.x-k8s.io/v1beta1/LocalQueue': localQueue,
  'kueue.x-k8s.io/v1beta2/LocalQueue': localQueue,
  'jobset.x-k8s.io/v1alpha2/JobSet': jobSet,
  'batch.volcano.sh/v1alpha1/Job': volcanoJob,
};
