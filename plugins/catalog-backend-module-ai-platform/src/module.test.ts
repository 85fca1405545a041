import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleAiPlatform } from './module';
import {
  aiPlatformApiFactory,
  ALL_KINDS,
  CapturedError,
  errorCaptureModule,
  getEntity,
  relationsOf,
  waitFor,
} from './__testUtils__/catalogTestUtils';

const ENTITIES = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: applied-ai }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: inference-platform }
spec: { owner: applied-ai }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: h100-prod }
spec: { type: kubernetes-cluster, owner: applied-ai }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: kagent-tool-server }
spec:
  type: mcp-server
  lifecycle: production
  owner: applied-ai
  remotes: [{ type: streamable-http, url: "http://kagent-tools.kagent:8084/mcp" }]
  definition: "remotes: [{type: streamable-http, url: http://kagent-tools.kagent:8084/mcp}]"
---
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata: { name: qwen3-32b }
spec:
  type: llm
  lifecycle: production
  owner: applied-ai
  system: inference-platform
  source: { uri: "hf://Qwen/Qwen3-32B" }
  format: safetensors
  architecture: transformer
  parameters: 32B
  precision: bf16
  license: Apache-2.0
  contextLength: 32768
  resources: { gpuMemoryGiB: 80, recommendedGpus: 1 }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata: { name: broken-model }
spec:
  type: llm
  lifecycle: production
  owner: applied-ai
  source: { uri: "ftp://models.example.com/x" }
  format: safetensors
  architecture: transformer
  parameters: 7B
  precision: bf16
  license: MIT
  resources: { gpuMemoryGiB: 16, recommendedGpus: 1 }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata: { name: cluster-doctor }
spec:
  type: chat
  lifecycle: production
  owner: applied-ai
  runtime: kagent
  models: [qwen3-32b]
  tools: [kagent-tool-server]
  description: Diagnoses failing workloads on the GPU clusters.
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata: { name: broken-agent }
spec:
  type: chat
  lifecycle: production
  owner: applied-ai
  runtime: kagent
  models: [qwen3-32b]
  tools: [kagent-tool-server]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: vllm-qwen3-32b }
spec:
  type: model-server
  lifecycle: production
  owner: applied-ai
  model: qwen3-32b
  cluster: h100-prod
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: petstore }
spec: { type: openapi, lifecycle: production, owner: applied-ai, definition: "openapi: 3.0.0" }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata: { name: petstore-agent }
spec:
  type: task
  lifecycle: experimental
  owner: applied-ai
  runtime: langgraph
  models: []
  tools: [petstore]
  description: Uses an OpenAPI API as if it were an MCP server.
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: mcp-without-definition }
spec:
  type: mcp-server
  lifecycle: production
  owner: applied-ai
  remotes: [{ type: streamable-http, url: "http://example.com/mcp" }]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: plain-service }
spec: { type: service, lifecycle: production, owner: applied-ai }
`;

describe('catalogModuleAiPlatform with the real catalog backend', () => {
  const errors: CapturedError[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-platform-catalog-'));
    const file = path.join(dir, 'entities.yaml');
    fs.writeFileSync(file, ENTITIES);
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAiPlatform,
        errorCaptureModule(errors),
        aiPlatformApiFactory({
          listDiscoveredWorkloads: async () => ({ items: [] }),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ALL_KINDS }],
              // Re-process often: the tool check sees APIs ingested after the Agent.
              processingInterval: { seconds: 2 },
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the entity has at least these relations (stitching is asynchronous). */
  async function withRelations(ref: string, expected: string[]) {
    return waitFor(`${ref} with ${expected.join(', ')}`, async () => {
      const entity = await getEntity(backend.server, ref);
      const relations = relationsOf(entity);
      return entity && expected.every(r => relations.includes(r))
        ? entity
        : undefined;
    });
  }

  it('ingests a valid Agent with its relations', async () => {
    const expected = [
      'consumesApi api:default/kagent-tool-server',
      'dependsOn model:default/qwen3-32b',
      'ownedBy group:default/applied-ai',
    ];
    const agent = await withRelations('agent:default/cluster-doctor', expected);
    expect(relationsOf(agent)).toEqual(expected);
  }, 90_000);

  it('ingests a valid Model, related back to its Agent, its model server, owner and system', async () => {
    const expected = [
      'dependencyOf agent:default/cluster-doctor',
      'dependencyOf component:default/vllm-qwen3-32b',
      'ownedBy group:default/applied-ai',
      'partOf system:default/inference-platform',
    ];
    const model = await withRelations('model:default/qwen3-32b', expected);
    expect(relationsOf(model)).toEqual(expected);
  }, 90_000);

  it('relates a model-server Component to its Model and cluster, and the other ends back', async () => {
    const expected = [
      'dependsOn model:default/qwen3-32b',
      'dependsOn resource:default/h100-prod',
      'ownedBy group:default/applied-ai',
    ];
    const component = await withRelations(
      'component:default/vllm-qwen3-32b',
      expected,
    );
    expect(relationsOf(component)).toEqual(expected);
    await withRelations('resource:default/h100-prod', [
      'dependencyOf component:default/vllm-qwen3-32b',
    ]);
    await withRelations('api:default/kagent-tool-server', [
      'apiConsumedBy agent:default/cluster-doctor',
    ]);
    await withRelations('system:default/inference-platform', [
      'hasPart model:default/qwen3-32b',
    ]);
    await withRelations('group:default/applied-ai', [
      'ownerOf agent:default/cluster-doctor',
      'ownerOf model:default/qwen3-32b',
    ]);
  }, 90_000);

  it('rejects invalid entities with the field that is wrong, leaving the rest of the catalog alone', async () => {
    const { server } = backend;
    const byRef = await waitFor(
      'errors for both invalid entities',
      async () => {
        const refs = new Map(
          errors.map(e => [e.entityRef, e.messages.join(' | ')]),
        );
        return refs.has('model:default/broken-model') &&
          refs.has('agent:default/broken-agent')
          ? refs
          : undefined;
      },
    );
    expect(byRef.get('model:default/broken-model')).toContain(
      'spec.source.uri: must use one of oci://, hf://, s3://, gs://, pvc://, https:// (got ftp://models.example.com/x)',
    );
    expect(byRef.get('agent:default/broken-agent')).toContain(
      'spec.description: is required',
    );
    await expect(
      getEntity(server, 'model:default/broken-model'),
    ).resolves.toBeUndefined();
    await expect(
      getEntity(server, 'agent:default/broken-agent'),
    ).resolves.toBeUndefined();
    // The rest is there: the valid Model, and an unrelated Component.
    await expect(
      getEntity(server, 'model:default/qwen3-32b'),
    ).resolves.toBeDefined();
    await waitFor('the unrelated Component', () =>
      getEntity(server, 'component:default/plain-service'),
    );
  }, 90_000);

  it('rejects an Agent whose tool the catalog knows as an API of another type', async () => {
    const message = await waitFor('the tool check error', async () =>
      errors
        .filter(e => e.entityRef === 'agent:default/petstore-agent')
        .flatMap(e => e.messages)
        .find(m => m.includes('spec.tools[0]')),
    );
    expect(message).toContain(
      'spec.tools[0]: must be an API of spec.type mcp-server (api:default/petstore is an API of type openapi)',
    );
  }, 90_000);

  it('finds that the built-in API validator still needs a definition for mcp-server APIs', async () => {
    const message = await waitFor('the API validation error', async () =>
      errors
        .filter(e => e.entityRef === 'api:default/mcp-without-definition')
        .flatMap(e => e.messages)
        .find(Boolean),
    );
    expect(message).toMatch(/definition/);
  }, 90_000);
});
