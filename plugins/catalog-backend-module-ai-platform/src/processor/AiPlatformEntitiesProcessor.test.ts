import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { AiPlatformEntitiesProcessor } from './AiPlatformEntitiesProcessor';

const location = { type: 'file', target: '/tmp/models.yaml' };

function model(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'ai-platform.dev/v1alpha1',
    kind: 'Model',
    metadata: { name: 'qwen3-32b', namespace: 'default' },
    spec: {
      type: 'llm',
      lifecycle: 'production',
      owner: 'applied-ai',
      system: 'inference-platform',
      source: { uri: 'hf://Qwen/Qwen3-32B' },
      format: 'safetensors',
      architecture: 'transformer',
      parameters: '32B',
      precision: 'bf16',
      license: 'Apache-2.0',
      resources: { gpuMemoryGiB: 80, recommendedGpus: 1 },
      ...spec,
    },
  };
}

function agent(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'ai-platform.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name: 'doctor', namespace: 'team-a' },
    spec: {
      type: 'chat',
      lifecycle: 'production',
      owner: 'user:default/ana.platform',
      runtime: 'kagent',
      models: ['model:default/qwen3-32b', 'qwen3-8b'],
      tools: ['api:default/kagent-tool-server'],
      description: 'Diagnoses workloads.',
      ...spec,
    },
  };
}

async function relationsOf(
  processor: AiPlatformEntitiesProcessor,
  entity: Entity,
) {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  return {
    relations: emitted
      .filter(r => r.type === 'relation')
      .map(r => {
        const { source, type, target } = (r as any).relation;
        return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
      }),
    errors: emitted
      .filter(r => r.type === 'error')
      .map(r => (r as any).error.message),
  };
}

describe('AiPlatformEntitiesProcessor', () => {
  const processor = new AiPlatformEntitiesProcessor();

  it('has a name', () => {
    expect(processor.getProcessorName()).toBe('AiPlatformEntitiesProcessor');
  });

  describe('validateEntityKind', () => {
    it('accepts valid Models and Agents', async () => {
      await expect(processor.validateEntityKind(model())).resolves.toBe(true);
      await expect(processor.validateEntityKind(agent())).resolves.toBe(true);
    });

    it('leaves other kinds to other processors', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'x' },
          spec: { type: 'service' },
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          apiVersion: 'example.com/v1',
          kind: 'Model',
          metadata: { name: 'x' },
        }),
      ).resolves.toBe(false);
    });

    it('rejects an invalid Model naming every wrong field', async () => {
      await expect(
        processor.validateEntityKind(
          model({ source: { uri: 'ftp://x' }, owner: undefined }),
        ),
      ).rejects.toThrow(
        'Model model:default/qwen3-32b is invalid: spec.owner: is required; spec.source.uri: must use one of oci://, hf://, s3://, gs://, pvc://, https:// (got ftp://x)',
      );
    });

    it('rejects an Agent whose model is not a Model ref', async () => {
      await expect(
        processor.validateEntityKind(agent({ models: ['x', 'api:default/x'] })),
      ).rejects.toThrow(
        'spec.models[1]: must be an entity ref to a Model, like model:default/qwen3-32b (got api:default/x)',
      );
    });

    it('names a wrong apiVersion or an unknown kind of the group', async () => {
      await expect(
        processor.validateEntityKind({
          ...model(),
          apiVersion: 'ai-platform.dev/v1',
        }),
      ).rejects.toThrow(
        'apiVersion must be ai-platform.dev/v1alpha1 (got ai-platform.dev/v1)',
      );
      await expect(
        processor.validateEntityKind({ ...model(), kind: 'Dataset' }),
      ).rejects.toThrow('kind must be one of Model, Agent');
    });

    it('checks the model and cluster refs of model-server Components but leaves the rest to the built-in schema', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'vllm' },
        spec: {
          type: 'model-server',
          lifecycle: 'production',
          owner: 'team',
          model: 'qwen3-32b',
          cluster: 'h100-prod',
        },
      };
      await expect(processor.validateEntityKind(component)).resolves.toBe(
        false,
      );
      await expect(
        processor.validateEntityKind({
          ...component,
          spec: { ...component.spec, cluster: 'group:default/h100-prod' },
        }),
      ).rejects.toThrow(
        'spec.cluster: must be an entity ref to a Resource, like resource:default/h100-prod (got group:default/h100-prod)',
      );
    });
  });

  describe('postProcessEntity', () => {
    it('relates a Model to its owner and system, both ways', async () => {
      expect((await relationsOf(processor, model())).relations).toEqual([
        'Model:default/qwen3-32b ownedBy Group:default/applied-ai',
        'Group:default/applied-ai ownerOf Model:default/qwen3-32b',
        'Model:default/qwen3-32b partOf System:default/inference-platform',
        'System:default/inference-platform hasPart Model:default/qwen3-32b',
      ]);
    });

    it('relates an Agent to its owner, Models and MCP server APIs, both ways', async () => {
      expect((await relationsOf(processor, agent())).relations).toEqual([
        'Agent:team-a/doctor ownedBy user:default/ana.platform',
        'user:default/ana.platform ownerOf Agent:team-a/doctor',
        'Agent:team-a/doctor dependsOn model:default/qwen3-32b',
        'model:default/qwen3-32b dependencyOf Agent:team-a/doctor',
        'Agent:team-a/doctor dependsOn Model:team-a/qwen3-8b',
        'Model:team-a/qwen3-8b dependencyOf Agent:team-a/doctor',
        'Agent:team-a/doctor consumesApi api:default/kagent-tool-server',
        'api:default/kagent-tool-server apiConsumedBy Agent:team-a/doctor',
      ]);
    });

    it('relates a model server to its Model and its cluster, both ways', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'h100-prod-llm-serving-vllm-qwen3-32b',
          namespace: 'default',
        },
        spec: {
          type: 'model-server',
          lifecycle: 'production',
          owner: 'platform-engineering',
          model: 'model:default/qwen3-32b',
          cluster: 'h100-prod',
        },
      };
      expect((await relationsOf(processor, component)).relations).toEqual([
        'Component:default/h100-prod-llm-serving-vllm-qwen3-32b dependsOn model:default/qwen3-32b',
        'model:default/qwen3-32b dependencyOf Component:default/h100-prod-llm-serving-vllm-qwen3-32b',
        'Component:default/h100-prod-llm-serving-vllm-qwen3-32b dependsOn Resource:default/h100-prod',
        'Resource:default/h100-prod dependencyOf Component:default/h100-prod-llm-serving-vllm-qwen3-32b',
      ]);
    });

    it('emits nothing for other entities', async () => {
      const result = await relationsOf(processor, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'svc', namespace: 'default' },
        spec: { type: 'service', owner: 'x', lifecycle: 'production' },
      });
      expect(result).toEqual({ relations: [], errors: [] });
    });

    it('rejects an Agent tool that the catalog knows as another kind of API', async () => {
      const lookups: string[][] = [];
      const checking = new AiPlatformEntitiesProcessor({
        lookupEntities: async refs => {
          lookups.push(refs);
          return [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'API',
              metadata: { name: 'petstore' },
              spec: { type: 'openapi' },
            },
            undefined,
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'API',
              metadata: { name: 'tools' },
              spec: { type: 'mcp-server' },
            },
          ];
        },
      });
      const result = await relationsOf(
        checking,
        agent({ tools: ['petstore', 'api:default/not-yet', 'tools'] }),
      );
      expect(lookups).toEqual([
        ['api:team-a/petstore', 'api:default/not-yet', 'api:team-a/tools'],
      ]);
      expect(result.errors).toEqual([
        'spec.tools[0]: must be an API of spec.type mcp-server (api:team-a/petstore is an API of type openapi)',
      ]);
    });

    it('skips the tool check when the catalog cannot be asked', async () => {
      const checking = new AiPlatformEntitiesProcessor({
        lookupEntities: async () => {
          throw new Error('catalog not ready');
        },
      });
      expect((await relationsOf(checking, agent())).errors).toEqual([]);
    });
  });
});
