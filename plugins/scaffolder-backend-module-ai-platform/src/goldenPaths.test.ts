import { KubeSim } from '@ai-platform/kube-sim';
import aiPlatformBackend from '@ai-platform/plugin-ai-platform-backend';
import catalogModuleAiPlatform from '@ai-platform/plugin-catalog-backend-module-ai-platform';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  collectClusters,
  DEMO_CLUSTERS,
  kubernetesConfig,
  REPO_ROOT,
  startClusters,
} from './__testUtils__/demoClusters';
import { validateManifests } from './manifests/validateManifests';
import { formatProblem, ManifestDocument } from './manifests/types';
import { scaffolderModuleAiPlatform } from './module';

// Every golden-path template through the scaffolder's dry-run endpoint, on
// the real catalog (with the example Models), the real ai-platform backend
// reading the kube-sim demo clusters over HTTP, and this module's actions.

jest.setTimeout(600_000);

const CLUSTERS = [...DEMO_CLUSTERS, 'dra-incomplete-pool'];
const USER = mockCredentials.user.header('user:default/guest');

type Files = Record<string, string>;

function templateFiles(name: string) {
  const dir = path.join(REPO_ROOT, 'templates', name);
  const files: { path: string; base64Content: string }[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), {
      withFileTypes: true,
    })) {
      const relative = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (relative !== 'template.yaml') {
        files.push({
          path: relative,
          base64Content: fs
            .readFileSync(path.join(dir, relative))
            .toString('base64'),
        });
      }
    }
  };
  walk('');
  return {
    template: parse(fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8')),
    directoryContents: files,
  };
}

const common = {
  owner: 'group:default/applied-ai',
  lifecycle: 'experimental',
  publishTo: 'local',
};

describe('golden-path templates', () => {
  let sim: KubeSim;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let publishDir: string;

  beforeAll(async () => {
    publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-paths-'));
    sim = await startClusters(CLUSTERS);
    ({ server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleTemplateKind,
        catalogModuleAiPlatform,
        scaffolderBackend,
        aiPlatformBackend,
        scaffolderModuleAiPlatform,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Domain',
                    'Group',
                    'User',
                    'Template',
                    'Model',
                    'Agent',
                  ],
                },
              ],
              locations: [
                // The project, and through it the examples and the templates.
                {
                  type: 'file',
                  target: path.join(REPO_ROOT, 'catalog-info.yaml'),
                },
                {
                  type: 'file',
                  target: path.join(publishDir, '*', 'catalog-info.yaml'),
                },
              ],
            },
            kubernetes: kubernetesConfig(sim),
            aiPlatform: {
              collection: { requestTimeout: '5s' },
              scaffolder: { localPublishDir: publishDir },
            },
          },
        }),
      ],
    }));
    await collectClusters(server, CLUSTERS);
    await waitForEntities([
      'model:default/qwen3-32b',
      'model:default/llama-3.1-8b-instruct',
      'model:default/llama-3.3-70b-instruct',
      'api:default/kagent-tool-server',
      'group:default/applied-ai',
      'resource:default/h100-prod',
      'template:default/serve-llm',
      'template:default/register-model',
      'template:default/create-agent',
      'template:default/train-gang',
    ]);
  });

  afterAll(async () => {
    await sim?.stop();
    fs.rmSync(publishDir, { recursive: true, force: true });
  });

  async function entity(ref: string) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return request(server)
      .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
      .set('Authorization', USER);
  }

  async function waitForEntities(refs: string[], timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (const ref of refs) {
      for (;;) {
        if ((await entity(ref)).status === 200) break;
        if (Date.now() > deadline)
          throw new Error(`${ref} never appeared in the catalog`);
        await new Promise(r => setTimeout(r, 250));
      }
    }
  }

  async function dryRun(name: string, values: Record<string, unknown>) {
    const { template, directoryContents } = templateFiles(name);
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', USER)
      .send({ template, values, directoryContents });
  }

  /** Runs a dry run that must succeed; returns the generated files and checks them again. */
  async function generate(name: string, values: Record<string, unknown>) {
    const response = await dryRun(name, values);
    if (response.status !== 200) {
      throw new Error(
        `dry run of ${name} failed (${response.status}): ${JSON.stringify(
          response.body,
        )}`,
      );
    }
    const files: Files = Object.fromEntries(
      (
        response.body.directoryContents as {
          path: string;
          base64Content: string;
        }[]
      ).map(f => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const log = (
      response.body.log as { body: { message: string; stepId?: string } }[]
    )
      .map(l => l.body.message)
      .join('\n');
    // The template's own validate step ran and passed...
    expect(log).toMatch(
      /Validated \d+ Kubernetes object\(s\) and \d+ catalog entit/,
    );
    // ...and the files it produced pass the same checks here.
    const docs: ManifestDocument[] = Object.entries(files)
      .filter(([p]) => /\.ya?ml$/.test(p))
      .flatMap(([p, text]) =>
        parseAllDocuments(text)
          .map((d, index) => ({ file: p, index, value: d.toJS() }))
          .filter(d => d.value !== null),
      );
    const validation = await validateManifests(docs);
    expect(validation.problems.map(formatProblem)).toEqual([]);
    const objects = (file: string) =>
      parseAllDocuments(files[file])
        .map(d => d.toJS())
        .filter(Boolean) as any[];
    return { files, log, output: response.body.output, objects };
  }

  describe('Serve an LLM', () => {
    const serve = {
      ...common,
      modelSource: 'catalog',
      stack: 'vllm',
      staging: 'download',
      namespace: 'llm-serving',
      replicas: 1,
      image: 'vllm/vllm-openai:v0.15.1',
      gatewayName: 'inference-gateway',
      gatewayNamespace: 'llm-gateway',
      vendor: 'any',
    };

    it('serves a catalog Model with vLLM behind an InferencePool where two GPUs are free', async () => {
      const { files, objects, output, log } = await generate('serve-llm', {
        ...serve,
        name: 'qwen3-chat',
        model: 'model:default/qwen3-32b',
      });
      expect(Object.keys(files).sort()).toEqual([
        'README.md',
        'catalog-info.yaml',
        'manifests/deployment.yaml',
        'manifests/httproute.yaml',
        'manifests/inferencepool.yaml',
        'manifests/namespace.yaml',
        'manifests/service.yaml',
      ]);
      // Qwen3 32B: 96 GiB on 2 GPUs of at least 48 GiB. The H100s (80 GiB)
      // waste the least; gpu-h100-02 has exactly 2 free (oracle).
      expect(log).toMatch(
        /Placement: h100-prod\/gpu-h100-02: 2 free NVIDIA-H100-80GB-HBM3, 2 needed/,
      );
      const [deployment] = objects('manifests/deployment.yaml');
      const pod = deployment.spec.template.spec;
      expect(pod.nodeSelector).toEqual({
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
      });
      expect(pod.tolerations).toContainEqual({
        key: 'nvidia.com/gpu',
        operator: 'Exists',
        effect: 'NoSchedule',
      });
      expect(pod.containers[0].args).toEqual([
        '--model',
        'Qwen/Qwen3-32B',
        '--served-model-name',
        'Qwen/Qwen3-32B',
        '--tensor-parallel-size',
        '2',
        '--port',
        '8000',
        '--max-model-len',
        '32768',
      ]);
      expect(pod.containers[0].resources).toEqual({
        limits: { 'nvidia.com/gpu': 2 },
        requests: { 'nvidia.com/gpu': 2 },
      });
      const [component] = objects('catalog-info.yaml');
      expect(component.spec).toEqual({
        type: 'model-server',
        lifecycle: 'experimental',
        owner: 'group:default/applied-ai',
        model: 'model:default/qwen3-32b',
        cluster: 'resource:default/h100-prod',
        dependsOn: ['model:default/qwen3-32b', 'resource:default/h100-prod'],
      });
      expect(
        component.metadata.annotations['ai-platform.dev/source-object'],
      ).toBe('apps/v1/Deployment/llm-serving/qwen3-chat');
      expect(files['README.md']).toMatch(
        /kubectl --context h100-prod apply -f manifests\//,
      );
      expect(output.links).toEqual([
        {
          title: 'Model server in the catalog',
          icon: 'catalog',
          entityRef: 'component:default/qwen3-chat',
        },
        {
          title: 'Model',
          icon: 'catalog',
          entityRef: 'model:default/qwen3-32b',
        },
        {
          title: 'Cluster h100-prod',
          icon: 'catalog',
          entityRef: 'resource:default/h100-prod',
        },
      ]);
      expect(output.text[0].content).toMatch(
        /\*\*h100-prod \/ gpu-h100-02\*\*: 2 × NVIDIA-H100-80GB-HBM3/,
      );
      expect(log).toMatch(/Dry run: would commit the workspace/);
    });

    it('serves an OCI Model with KServe and a Modelcar on the cluster you chose', async () => {
      const { files, objects } = await generate('serve-llm', {
        ...serve,
        name: 'llama-tools',
        model: 'model:default/llama-3.1-8b-instruct',
        stack: 'kserve',
        staging: 'modelcar',
        runtime: 'kserve-huggingfaceserver',
        cluster: 'resource:default/h100-prod',
      });
      expect(Object.keys(files)).toContain('manifests/inferenceservice.yaml');
      expect(Object.keys(files)).not.toContain('manifests/deployment.yaml');
      const [isvc] = objects('manifests/inferenceservice.yaml');
      expect(isvc.spec.predictor.model).toMatchObject({
        modelFormat: { name: 'huggingface' },
        runtime: 'kserve-huggingfaceserver',
        storageUri:
          'oci://registry.example.com/models/llama-3.1-8b-instruct:fp8-2025-06',
        args: [
          '--model_name=meta-llama/Llama-3.1-8B-Instruct',
          '--tensor-parallel-size=1',
          '--max-model-len=131072',
        ],
        resources: {
          limits: { 'nvidia.com/gpu': 1 },
          requests: { 'nvidia.com/gpu': 1 },
        },
      });
      expect(files['README.md']).toMatch(
        /storageInitializer.enableModelcar: true/,
      );
      expect(objects('catalog-info.yaml')[0].spec.cluster).toBe(
        'resource:default/h100-prod',
      );
    });

    it('mounts an OCI source as an ImageVolume on a MIG slice that is just big enough', async () => {
      const { objects, log } = await generate('serve-llm', {
        ...serve,
        name: 'qwen3-8b-edge',
        modelSource: 'uri',
        sourceUri: 'oci://registry.example.com/models/qwen3-8b:bf16',
        staging: 'image-volume',
        gpuCount: 1,
        minGpuMemoryGiB: 20,
      });
      expect(log).toMatch(
        /Placement: a100-research\/[^:]+: \d+ free NVIDIA-A100-SXM4-80GB MIG 2g\.20gb/,
      );
      const pod = objects('manifests/deployment.yaml')[0].spec.template.spec;
      expect(pod.containers[0].resources.limits).toEqual({
        'nvidia.com/mig-2g.20gb': 1,
      });
      expect(pod.nodeSelector).toEqual({});
      expect(pod.volumes).toContainEqual({
        name: 'model',
        image: {
          reference: 'registry.example.com/models/qwen3-8b:bf16',
          pullPolicy: 'IfNotPresent',
        },
      });
      expect(pod.containers[0].args.slice(0, 2)).toEqual([
        '--model',
        '/mnt/models',
      ]);
      // No catalog Model: the Component depends on the cluster only.
      expect(objects('catalog-info.yaml')[0].spec.dependsOn).toEqual([
        'resource:default/a100-research',
      ]);
    });

    it('stages Hugging Face weights on a PVC filled by a download Job', async () => {
      const { files, objects } = await generate('serve-llm', {
        ...serve,
        name: 'bge-embed',
        model: 'model:default/bge-m3',
        staging: 'pvc',
        pvcSizeGi: 20,
        storageClass: 'gp3',
      });
      const [pvc, job] = objects('manifests/model-pvc.yaml');
      expect(pvc).toMatchObject({
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'bge-embed-models', namespace: 'llm-serving' },
        spec: {
          storageClassName: 'gp3',
          resources: { requests: { storage: '20Gi' } },
        },
      });
      expect(job.spec.template.spec.containers[0].command[2]).toMatch(
        /snapshot_download\(repo_id="BAAI\/bge-m3", local_dir="\/mnt\/models\/BAAI\/bge-m3"\)/,
      );
      const pod = objects('manifests/deployment.yaml')[0].spec.template.spec;
      expect(pod.volumes).toContainEqual({
        name: 'model',
        persistentVolumeClaim: {
          claimName: 'bge-embed-models',
          readOnly: true,
        },
      });
      expect(pod.containers[0].args[1]).toBe('/mnt/models/BAAI/bge-m3');
      expect(files['README.md']).toMatch(
        /Apply it first and wait for the\s+Job to complete/,
      );
    });

    it('claims GPUs through DRA when the only node that fits offers them that way', async () => {
      // Llama 3.3 70B: 180 GiB on 2 GPUs of at least 90 GiB. The H200s of the
      // DRA fixture (140 GiB) waste less than the MI300X (192 GiB).
      const { files, objects, log } = await generate('serve-llm', {
        ...serve,
        name: 'llama-70b',
        model: 'model:default/llama-3.3-70b-instruct',
      });
      expect(log).toMatch(
        /Placement: dra-incomplete-pool\/dra-h200-0\d: 6 free NVIDIA-H200/,
      );
      const pod = objects('manifests/deployment.yaml')[0].spec.template.spec;
      expect(pod.resourceClaims).toEqual([
        { name: 'gpu', resourceClaimTemplateName: 'llama-70b-gpus' },
      ]);
      expect(pod.containers[0].resources).toEqual({
        claims: [{ name: 'gpu' }],
      });
      const [claim] = objects('manifests/gpu-claim.yaml');
      expect(claim.spec.spec.devices.requests).toEqual([
        {
          name: 'gpu',
          exactly: {
            deviceClassName: 'gpu.nvidia.com',
            allocationMode: 'ExactCount',
            count: 2,
          },
        },
      ]);
      expect(files['README.md']).toMatch(
        /DRA claim on DeviceClass `gpu.nvidia.com`/,
      );
    });

    it('fails with the closest options when no cluster has the GPUs', async () => {
      const response = await dryRun('serve-llm', {
        ...serve,
        name: 'too-big',
        model: 'model:default/qwen3-32b',
        gpuCount: 8,
        minGpuMemoryGiB: 80,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /^No cluster can take this request now: No node can take 8 × ≥80 GiB[^]*Closest options:\n- /,
      );
    });

    it('rejects bad values before any step runs, naming the field', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ name: 'Qwen_Chat' }, /^instance\.name does not match pattern/],
        [
          { gpuCount: 0 },
          /^instance\.gpuCount must be greater than or equal to 1/,
        ],
        [
          { replicas: 100 },
          /^instance\.replicas must be less than or equal to 16/,
        ],
        [
          { staging: 'modelcar' },
          /^instance\.stack is not one of enum values: kserve/,
        ],
        [
          { staging: 'tarball' },
          /^instance\.staging is not one of enum values/,
        ],
        [
          { modelSource: 'uri', model: undefined, sourceUri: 'ftp://x/y' },
          /^instance\.sourceUri does not match pattern/,
        ],
        [
          {
            modelSource: 'uri',
            model: undefined,
            sourceUri: 'hf://Qwen/Qwen3-8B',
          },
          /^instance requires property "gpuCount"/,
        ],
        [
          { model: 'component:default/qwen3-32b' },
          /^instance\.model does not match pattern/,
        ],
        [
          { gpuProduct: 'H100; rm -rf /' },
          /^instance\.gpuProduct does not match pattern/,
        ],
      ];
      for (const [change, expected] of cases) {
        const response = await dryRun('serve-llm', {
          ...serve,
          name: 'qwen3-chat',
          model: 'model:default/qwen3-32b',
          ...change,
        });
        expect(response.status).toBe(400);
        const messages = (response.body.errors as { stack: string }[]).map(
          e => e.stack,
        );
        expect(messages).toEqual(
          expect.arrayContaining([expect.stringMatching(expected)]),
        );
        // Rejected before any step: no log, no files.
        expect(response.body.log).toBeUndefined();
      }
    });
  });

  describe('Register a model', () => {
    const model = {
      ...common,
      name: 'qwen3-8b',
      title: 'Qwen3 8B',
      description: 'Small dense model for agents.',
      type: 'llm',
      sourceUri: 'oci://registry.example.com/models/qwen3-8b:bf16',
      digest: `sha256:${'ab'.repeat(32)}`,
      modelId: 'Qwen/Qwen3-8B',
      version: '1.0',
      format: 'safetensors',
      architecture: 'transformer',
      parameters: '8B',
      precision: 'bf16',
      license: 'Apache-2.0',
      contextLength: 32768,
      inputTypes: ['text'],
      outputTypes: ['text'],
      toolUsage: true,
      reasoning: true,
      gpuMemoryGiB: 24,
      recommendedGpus: 1,
    };

    it('writes a Model entity and a Kitfile', async () => {
      const { files, objects, output } = await generate('register-model', {
        ...model,
        artifact: 'kitfile',
      });
      expect(Object.keys(files).sort()).toEqual([
        'Kitfile',
        'README.md',
        'catalog-info.yaml',
      ]);
      const [modelEntity] = objects('catalog-info.yaml');
      expect(modelEntity).toMatchObject({
        apiVersion: 'ai-platform.dev/v1alpha1',
        kind: 'Model',
        metadata: {
          name: 'qwen3-8b',
          annotations: { 'ai-platform.dev/model-id': 'Qwen/Qwen3-8B' },
        },
        spec: {
          source: { uri: model.sourceUri, digest: model.digest },
          parameters: '8B',
          resources: { gpuMemoryGiB: 24, recommendedGpus: 1 },
          capabilities: {
            toolUsage: true,
            reasoning: true,
            inputTypes: ['text'],
          },
        },
      });
      const kitfile = parse(files.Kitfile);
      expect(kitfile).toMatchObject({
        manifestVersion: '1.0',
        package: {
          name: 'qwen3-8b',
          version: '1.0',
          license: 'Apache-2.0',
          authors: ['group:default/applied-ai'],
        },
        model: {
          name: 'qwen3-8b',
          path: './model',
          format: 'safetensors',
          parameters: { paramSize: '8B' },
        },
      });
      expect(output.links[0]).toEqual({
        title: 'Model in the catalog',
        icon: 'catalog',
        entityRef: 'model:default/qwen3-8b',
      });
    });

    it('writes a ModelPack config aligned with the Model', async () => {
      const { files } = await generate('register-model', {
        ...model,
        format: 'pytorch',
        precision: 'fp16',
        artifact: 'modelpack',
      });
      expect(JSON.parse(files['modelpack/config.json'])).toEqual({
        descriptor: {
          name: 'qwen3-8b',
          version: '1.0',
          title: 'Qwen3 8B',
          description: 'Small dense model for agents.',
          sourceURL: model.sourceUri,
          licenses: ['Apache-2.0'],
        },
        config: {
          architecture: 'transformer',
          format: 'pt',
          paramSize: '8b',
          precision: 'float16',
          capabilities: {
            inputTypes: ['text'],
            outputTypes: ['text'],
            toolUsage: true,
            reasoning: true,
          },
        },
        modelfs: { type: 'layers', diffIds: [] },
      });
    });

    it('rejects bad values before any step runs, naming the field', async () => {
      for (const [change, expected] of [
        [
          { parameters: '32 billion' },
          /^instance\.parameters does not match pattern/,
        ],
        [{ license: '' }, /^instance\.license does not match pattern/],
        [
          { gpuMemoryGiB: 0 },
          /^instance\.gpuMemoryGiB must be strictly greater than 0/,
        ],
        [{ digest: 'sha256:xyz' }, /^instance\.digest does not match pattern/],
        [
          { precision: 'fp4' },
          /^instance\.precision is not one of enum values/,
        ],
      ] as [Record<string, unknown>, RegExp][]) {
        const response = await dryRun('register-model', {
          ...model,
          artifact: 'kitfile',
          ...change,
        });
        expect(response.status).toBe(400);
        expect(
          (response.body.errors as { stack: string }[]).map(e => e.stack),
        ).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
      }
    });
  });

  describe('Create an agent', () => {
    const agent = {
      ...common,
      name: 'gpu-helper',
      description:
        'Answers questions about free GPUs and conformance of the clusters.',
      type: 'chat',
      systemMessage:
        'You help ML teams find GPU capacity. Check with your tools first.',
      model: 'model:default/qwen3-32b',
      modelBaseUrl: 'http://qwen3-chat.llm-serving.svc.cluster.local:8000/v1',
      mcpServers: ['api:default/kagent-tool-server'],
      includePortalMcp: true,
      namespace: 'kagent',
      cluster: 'resource:default/h100-prod',
    };

    it('writes a kagent Agent with its ModelConfig and MCP servers, this portal included', async () => {
      const { objects } = await generate('create-agent', {
        ...agent,
        runtime: 'kagent',
        apiKeySecret: 'vllm-api-key',
      });
      const [modelConfig, tools, portal, kagentAgent] = objects(
        'manifests/agent.yaml',
      );
      expect(modelConfig.spec).toEqual({
        provider: 'OpenAI',
        model: 'Qwen/Qwen3-32B',
        apiKeySecret: 'vllm-api-key',
        apiKeySecretKey: 'OPENAI_API_KEY',
        openAI: { baseUrl: agent.modelBaseUrl },
      });
      expect(tools).toMatchObject({
        kind: 'RemoteMCPServer',
        metadata: { name: 'kagent-tool-server' },
        spec: {
          protocol: 'STREAMABLE_HTTP',
          url: 'http://kagent-tools.kagent:8084/mcp',
        },
      });
      expect(portal).toMatchObject({
        kind: 'RemoteMCPServer',
        metadata: { name: 'ai-platform-portal' },
        spec: {
          url: 'http://localhost:7007/api/mcp-actions/v1',
          headersFrom: [
            {
              name: 'Authorization',
              valueFrom: {
                type: 'Secret',
                name: 'ai-platform-portal-mcp-token',
                key: 'authorization',
              },
            },
          ],
        },
      });
      expect(kagentAgent.spec.declarative).toMatchObject({
        modelConfig: 'gpu-helper-model',
        tools: [
          {
            type: 'McpServer',
            mcpServer: {
              name: 'kagent-tool-server',
              kind: 'RemoteMCPServer',
              apiGroup: 'kagent.dev',
            },
          },
          {
            type: 'McpServer',
            mcpServer: {
              name: 'ai-platform-portal',
              kind: 'RemoteMCPServer',
              apiGroup: 'kagent.dev',
            },
          },
        ],
      });
      const [agentEntity] = objects('catalog-info.yaml');
      expect(agentEntity).toMatchObject({
        kind: 'Agent',
        metadata: {
          annotations: {
            'ai-platform.dev/cluster': 'h100-prod',
            'ai-platform.dev/source-object':
              'kagent.dev/v1alpha2/Agent/kagent/gpu-helper',
          },
        },
        spec: {
          runtime: 'kagent',
          models: ['model:default/qwen3-32b'],
          // The portal's own API entity matches the default backend URL.
          tools: [
            'api:default/kagent-tool-server',
            'api:default/ai-platform-portal-mcp',
          ],
        },
      });
    });

    it('writes a Dapr Agents service with its components', async () => {
      const { files, objects } = await generate('create-agent', {
        ...agent,
        runtime: 'dapr-agents',
        image: 'ghcr.io/example/gpu-helper:0.1.0',
        includePortalMcp: false,
      });
      expect(Object.keys(files).sort()).toEqual([
        'README.md',
        'app/Dockerfile',
        'app/agent.py',
        'app/requirements.txt',
        'catalog-info.yaml',
        'manifests/components.yaml',
        'manifests/deployment.yaml',
      ]);
      const [deployment] = objects('manifests/deployment.yaml');
      expect(deployment.spec.template.metadata.annotations).toEqual({
        'dapr.io/enabled': 'true',
        'dapr.io/app-id': 'gpu-helper',
        'dapr.io/app-port': '8001',
      });
      const env = Object.fromEntries(
        deployment.spec.template.spec.containers[0].env.map((e: any) => [
          e.name,
          e.value,
        ]),
      );
      expect(env.MODEL_NAME).toBe('Qwen/Qwen3-32B');
      expect(JSON.parse(env.MCP_SERVERS)).toEqual([
        expect.objectContaining({
          name: 'kagent-tool-server',
          url: 'http://kagent-tools.kagent:8084/mcp',
        }),
      ]);
      expect(
        objects('manifests/components.yaml').map(c => c.spec.type),
      ).toEqual(['state.redis', 'pubsub.redis', 'state.redis']);
      expect(files['app/agent.py']).toMatch(/name="gpu-helper"/);
    });

    it('rejects bad values before any step runs, naming the field', async () => {
      for (const [change, expected] of [
        [
          { runtime: 'kagent', modelBaseUrl: 'http://qwen:8000' },
          /^instance\.modelBaseUrl does not match pattern/,
        ],
        [
          { runtime: 'kagent', description: 'short' },
          /^instance\.description does not meet minimum length of 10/,
        ],
        [{ runtime: 'dapr-agents' }, /^instance requires property "image"/],
        [
          { runtime: 'langchain' },
          /^instance\.runtime is not one of enum values/,
        ],
      ] as [Record<string, unknown>, RegExp][]) {
        const response = await dryRun('create-agent', { ...agent, ...change });
        expect(response.status).toBe(400);
        expect(
          (response.body.errors as { stack: string }[]).map(e => e.stack),
        ).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
      }
    });
  });

  describe('Fine-tune or train with gang scheduling', () => {
    const train = {
      ...common,
      name: 'llama-ft',
      description: 'LoRA fine-tune of Llama 3.1 8B on support tickets.',
      image: 'nvcr.io/nvidia/pytorch:25.08-py3',
      command:
        'torchrun --nnodes=$NNODES --node-rank=$NODE_RANK --nproc-per-node=$NPROC_PER_NODE --master-addr=$MASTER_ADDR --master-port=$MASTER_PORT /workspace/train.py',
      baseModel: 'model:default/llama-3.1-8b-instruct',
      dataset: 's3://ml-data/support-tickets/',
      vendor: 'nvidia',
      workers: 2,
      gpusPerWorker: 2,
      namespace: 'team-nlp',
      queue: 'nlp-queue',
    };

    it('writes a Kueue-admitted JobSet on a cluster with enough nodes free', async () => {
      const { objects, log } = await generate('train-gang', {
        ...train,
        scheduler: 'kueue-jobset',
      });
      expect(log).toMatch(
        /nodes of h100-prod can each take 2 now, 2 needed for the gang/,
      );
      expect(log).toContain(
        'LocalQueue "team-nlp/nlp-queue" exists on h100-prod, admitted through ClusterQueue "gpu-cluster-queue"',
      );
      const [jobset] = objects('manifests/jobset.yaml');
      expect(jobset.metadata.labels['kueue.x-k8s.io/queue-name']).toBe(
        'nlp-queue',
      );
      expect(jobset.spec.suspend).toBe(true);
      const job = jobset.spec.replicatedJobs[0].template.spec;
      expect(job).toMatchObject({
        parallelism: 2,
        completions: 2,
        completionMode: 'Indexed',
      });
      const container = job.template.spec.containers[0];
      expect(container.resources.limits).toEqual({ 'nvidia.com/gpu': 2 });
      expect(container.env).toContainEqual({
        name: 'BASE_MODEL',
        value:
          'oci://registry.example.com/models/llama-3.1-8b-instruct:fp8-2025-06',
      });
      expect(container.env).toContainEqual({
        name: 'MASTER_ADDR',
        value: 'llama-ft-workers-0-0.llama-ft',
      });
      expect(objects('catalog-info.yaml')[0].spec.dependsOn).toEqual([
        'model:default/llama-3.1-8b-instruct',
        'resource:default/h100-prod',
      ]);
    });

    it('writes an indexed Job and the LocalQueue it is admitted through', async () => {
      const { objects } = await generate('train-gang', {
        ...train,
        scheduler: 'kueue-job',
        namespace: 'team-speech',
        queue: 'speech-queue',
        createLocalQueue: true,
        clusterQueue: 'gpu-cluster-queue',
      });
      const [service, job] = objects('manifests/job.yaml');
      expect(service.spec.clusterIP).toBe('None');
      expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBe(
        'speech-queue',
      );
      expect(objects('manifests/localqueue.yaml')[0]).toMatchObject({
        kind: 'LocalQueue',
        metadata: { name: 'speech-queue', namespace: 'team-speech' },
        spec: { clusterQueue: 'gpu-cluster-queue' },
      });
    });

    it('fails on a queue the placed cluster does not have, naming the ones it has', async () => {
      const response = await dryRun('train-gang', {
        ...train,
        scheduler: 'kueue-jobset',
        queue: 'nlp-q',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /^LocalQueue "nlp-q" does not exist in namespace team-nlp on h100-prod; LocalQueues there: nlp-queue; /,
      );
    });

    it('writes a Volcano Job that starts all workers or none', async () => {
      const { objects } = await generate('train-gang', {
        ...train,
        scheduler: 'volcano',
        namespace: 'research',
        queue: 'research',
        gpusPerWorker: 1,
        minGpuMemoryGiB: 40,
        gpuProduct: 'A100',
      });
      const [job] = objects('manifests/volcano-job.yaml');
      expect(job.spec).toMatchObject({
        schedulerName: 'volcano',
        queue: 'research',
        minAvailable: 2,
      });
      expect(job.spec.tasks[0]).toMatchObject({ name: 'worker', replicas: 2 });
      expect(
        job.spec.tasks[0].template.spec.containers[0].resources.limits,
      ).toEqual({
        'nvidia.com/mig-3g.40gb': 1,
      });
    });

    it('rejects bad values before any step runs, naming the field', async () => {
      for (const [change, expected] of [
        [
          { scheduler: 'kueue-jobset', workers: 0 },
          /^instance\.workers must be greater than or equal to 1/,
        ],
        [
          { scheduler: 'kueue-jobset', queue: 'Team Queue' },
          /^instance\.queue does not match pattern/,
        ],
        [
          { scheduler: 'slurm' },
          /^instance\.scheduler is not one of enum values/,
        ],
        [
          { scheduler: 'volcano', createLocalQueue: true, clusterQueue: 'q' },
          /^instance\.createLocalQueue is not one of enum values: false/,
        ],
      ] as [Record<string, unknown>, RegExp][]) {
        const response = await dryRun('train-gang', { ...train, ...change });
        expect(response.status).toBe(400);
        expect(
          (response.body.errors as { stack: string }[]).map(e => e.stack),
        ).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
      }
    });
  });

  describe('a real run in the embedded setup', () => {
    async function runTask(
      templateRef: string,
      values: Record<string, unknown>,
    ) {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', USER)
        .send({ templateRef, values });
      expect(created.status).toBe(201);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const task = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', USER);
        if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
          if (task.body.status !== 'completed') {
            const events = await request(server)
              .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
              .set('Authorization', USER);
            throw new Error(
              `task ${task.body.status}: ${JSON.stringify(
                events.body.map((e: any) => e.body.message),
              )}`,
            );
          }
          return task.body;
        }
        if (Date.now() > deadline) throw new Error('task did not finish');
        await new Promise(r => setTimeout(r, 250));
      }
    }

    it('publishes Serve an LLM to a local repository and puts the model server in the catalog', async () => {
      await runTask('template:default/serve-llm', {
        ...common,
        name: 'qwen3-published',
        modelSource: 'catalog',
        model: 'model:default/qwen3-32b',
        stack: 'vllm',
        staging: 'download',
        namespace: 'llm-serving',
        replicas: 1,
        image: 'vllm/vllm-openai:v0.15.1',
        gatewayName: 'inference-gateway',
        gatewayNamespace: 'llm-gateway',
        vendor: 'nvidia',
      });
      const repo = path.join(publishDir, 'qwen3-published');
      const [commit] = await git.log({ fs, dir: repo, depth: 1 });
      expect(commit.commit.message).toMatch(
        /^Serve Qwen3 32B on h100-prod\n\nScaffolder-Task: /,
      );
      expect(
        fs.existsSync(path.join(repo, 'manifests/inferencepool.yaml')),
      ).toBe(true);

      // The action waited for the catalog, so the entity is there now, with its relations.
      const response = await entity('component:default/qwen3-published');
      expect(response.status).toBe(200);
      expect(response.body.spec.type).toBe('model-server');
      expect(
        response.body.metadata.annotations['backstage.io/managed-by-location'],
      ).toBe(`file:${path.join(repo, 'catalog-info.yaml')}`);
      const relations = (
        response.body.relations as { type: string; targetRef: string }[]
      )
        .map(r => `${r.type} ${r.targetRef}`)
        .sort();
      expect(relations).toEqual(
        expect.arrayContaining([
          'dependsOn model:default/qwen3-32b',
          'dependsOn resource:default/h100-prod',
          'ownedBy group:default/applied-ai',
        ]),
      );
    });

    it('registers a new Model from a real run of Register a model', async () => {
      await runTask('template:default/register-model', {
        ...common,
        name: 'phi-4-mini',
        type: 'llm',
        sourceUri: 'hf://microsoft/Phi-4-mini-instruct',
        version: '1.0',
        format: 'safetensors',
        architecture: 'transformer',
        parameters: '3.8B',
        precision: 'bf16',
        license: 'MIT',
        gpuMemoryGiB: 12,
        recommendedGpus: 1,
        artifact: 'kitfile',
      });
      const response = await entity('model:default/phi-4-mini');
      expect(response.status).toBe(200);
      expect(response.body.spec).toMatchObject({
        source: { uri: 'hf://microsoft/Phi-4-mini-instruct' },
        resources: { gpuMemoryGiB: 12, recommendedGpus: 1 },
      });
      expect(
        fs.existsSync(path.join(publishDir, 'model-phi-4-mini', 'Kitfile')),
      ).toBe(true);
    });
  });
});
