import { entityKindSchemaValidator } from '@backstage/catalog-model';
import {
  agentEntityV1alpha1Schema,
  isAgentEntity,
} from './AgentEntityV1alpha1';
import {
  isModelEntity,
  modelEntityV1alpha1Schema,
} from './ModelEntityV1alpha1';
import { isModelServerComponent } from './modelServer';
import {
  formatValidationProblems,
  validateAgentEntity,
  validateModelEntity,
  validateModelServerFields,
} from './validation';

function validModel(): any {
  return {
    apiVersion: 'ai-platform.dev/v1alpha1',
    kind: 'Model',
    metadata: { name: 'qwen3-32b' },
    spec: {
      type: 'llm',
      lifecycle: 'production',
      owner: 'group:default/applied-ai',
      system: 'inference-platform',
      source: { uri: 'hf://Qwen/Qwen3-32B' },
      format: 'safetensors',
      architecture: 'transformer',
      parameters: '32B',
      precision: 'bf16',
      license: 'Apache-2.0',
      contextLength: 32768,
      resources: { gpuMemoryGiB: 80, recommendedGpus: 1 },
      versions: [
        {
          name: '2025-04-29',
          source: {
            uri: 'oci://registry.example.com/models/qwen3-32b:1',
            digest: `sha256:${'a'.repeat(64)}`,
          },
          createdAt: '2025-04-29T00:00:00Z',
        },
      ],
      capabilities: {
        inputTypes: ['text'],
        outputTypes: ['text'],
        toolUsage: true,
        reasoning: true,
        languages: ['en', 'zh'],
      },
    },
  };
}

function validAgent(): any {
  return {
    apiVersion: 'ai-platform.dev/v1alpha1',
    kind: 'Agent',
    metadata: { name: 'cluster-doctor' },
    spec: {
      type: 'chat',
      lifecycle: 'production',
      owner: 'platform-engineering',
      runtime: 'kagent',
      models: ['model:default/qwen3-32b', 'qwen3-8b'],
      tools: ['api:default/kagent-tool-server'],
      a2aCard: 'https://agents.example.com/.well-known/agent-card.json',
      description: 'Diagnoses failing workloads.',
    },
  };
}

function messages(problems: { path: string; message: string }[]) {
  return problems.map(p => `${p.path}: ${p.message}`);
}

describe('validateModelEntity', () => {
  it('accepts a complete Model', () => {
    expect(validateModelEntity(validModel())).toEqual([]);
  });

  it.each([
    'type',
    'lifecycle',
    'owner',
    'source',
    'format',
    'architecture',
    'parameters',
    'precision',
    'license',
    'resources',
  ])('names spec.%s when it is missing', field => {
    const model = validModel();
    delete model.spec[field];
    const problems = validateModelEntity(model);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`spec.${field}`);
    expect(problems[0].message).toMatch(/^is required/);
  });

  it('lists the allowed values of a missing enum field', () => {
    const model = validModel();
    delete model.spec.type;
    expect(messages(validateModelEntity(model))).toEqual([
      'spec.type: is required (one of llm, embedding, reranker, vision, speech, other)',
    ]);
  });

  it('names an unknown source scheme', () => {
    const model = validModel();
    model.spec.source.uri = 'ftp://x';
    expect(messages(validateModelEntity(model))).toEqual([
      'spec.source.uri: must use one of oci://, hf://, s3://, gs://, pvc://, https:// (got ftp://x)',
    ]);
  });

  it('names nested paths with array indexes', () => {
    const model = validModel();
    model.spec.versions.push({ name: 'old', source: { uri: 'file:///x' } });
    model.spec.versions[0].source.digest = 'md5:abc';
    expect(messages(validateModelEntity(model))).toEqual([
      'spec.versions[0].source.digest: must be sha256: followed by 64 lowercase hex digits (got md5:abc)',
      'spec.versions[1].source.uri: must use one of oci://, hf://, s3://, gs://, pvc://, https:// (got file:///x)',
    ]);
  });

  it.each<[string, (spec: any) => void, string]>([
    [
      'a string context length',
      s => {
        s.contextLength = '32k';
      },
      'spec.contextLength: must be an integer (got 32k)',
    ],
    [
      'zero GPU memory',
      s => {
        s.resources.gpuMemoryGiB = 0;
      },
      'spec.resources.gpuMemoryGiB: must be greater than 0 (got 0)',
    ],
    [
      'fractional GPUs',
      s => {
        s.resources.recommendedGpus = 1.5;
      },
      'spec.resources.recommendedGpus: must be an integer (got 1.5)',
    ],
    [
      'resources without recommendedGpus',
      s => {
        delete s.resources.recommendedGpus;
      },
      'spec.resources.recommendedGpus: is required',
    ],
    [
      'an unknown precision',
      s => {
        s.precision = 'fp64';
      },
      'spec.precision: must be one of bf16, fp16, fp8, fp32, int8, int4 (got fp64)',
    ],
    [
      'a parameter count without unit',
      s => {
        s.parameters = '32';
      },
      'spec.parameters: must be a parameter count like 32B, 7.6B or 500M (got 32)',
    ],
    [
      'a blank license',
      s => {
        s.license = '   ';
      },
      'spec.license: must not be empty (got    )',
    ],
    [
      'a source that is a string',
      s => {
        s.source = 'hf://Qwen/Qwen3-32B';
      },
      'spec.source: must be an object (got hf://Qwen/Qwen3-32B)',
    ],
    [
      'an owner that is a Component',
      s => {
        s.owner = 'component:default/x';
      },
      'spec.owner: must be an entity ref to a Group or User, like group:default/applied-ai (got component:default/x)',
    ],
    [
      'a malformed system ref',
      s => {
        s.system = 'system:default/Bad Name';
      },
      'spec.system: must be an entity ref to a System, like system:default/inference-platform (got system:default/Bad Name)',
    ],
    [
      'an unknown modality',
      s => {
        s.capabilities.inputTypes = ['smell'];
      },
      'spec.capabilities.inputTypes[0]: must be one of text, image, audio, video, embedding, other (got smell)',
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const model = validModel();
    mutate(model.spec);
    expect(messages(validateModelEntity(model))).toEqual([expected]);
  });

  it('accepts parameter counts in ModelPack and MoE spellings', () => {
    for (const parameters of ['7.6B', '500M', '8b', '30B-A3B', '1T']) {
      const model = validModel();
      model.spec.parameters = parameters;
      expect(validateModelEntity(model)).toEqual([]);
    }
  });

  it('lets discovered Models carry only what clusters say', () => {
    const partial = {
      apiVersion: 'ai-platform.dev/v1alpha1',
      kind: 'Model',
      metadata: {
        name: 'qwen-qwen3-32b',
        annotations: {
          'backstage.io/managed-by-location': 'ai-platform:cluster/h100-prod',
        },
      },
      spec: { type: 'llm', lifecycle: 'production', owner: 'group:x' },
    };
    expect(validateModelEntity(partial)).toEqual([]);

    const declared = {
      ...partial,
      metadata: {
        name: 'qwen-qwen3-32b',
        annotations: {
          'backstage.io/managed-by-location': 'file:/tmp/models.yaml',
        },
      },
    };
    expect(validateModelEntity(declared).map(p => p.path)).toEqual([
      'spec.source',
      'spec.format',
      'spec.architecture',
      'spec.parameters',
      'spec.precision',
      'spec.license',
      'spec.resources',
    ]);
  });

  it('rejects a spec that is not an object', () => {
    expect(
      messages(validateModelEntity({ ...validModel(), spec: [1] })),
    ).toContain('spec: must be an object (got an array)');
  });
});

describe('validateAgentEntity', () => {
  it('accepts a complete Agent', () => {
    expect(validateAgentEntity(validAgent())).toEqual([]);
  });

  it.each([
    'type',
    'lifecycle',
    'owner',
    'runtime',
    'models',
    'tools',
    'description',
  ])('names spec.%s when it is missing', field => {
    const agent = validAgent();
    delete agent.spec[field];
    const problems = validateAgentEntity(agent);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`spec.${field}`);
    expect(problems[0].message).toMatch(/^is required/);
  });

  it('names a model ref that points at another kind', () => {
    const agent = validAgent();
    agent.spec.models[1] = 'api:default/qwen3-8b';
    expect(messages(validateAgentEntity(agent))).toEqual([
      'spec.models[1]: must be an entity ref to a Model, like model:default/qwen3-32b (got api:default/qwen3-8b)',
    ]);
  });

  it.each<[string, (spec: any) => void, string]>([
    [
      'a tool that is a Model',
      s => {
        s.tools = ['model:default/qwen3-32b'];
      },
      'spec.tools[0]: must be an entity ref to an API, like api:default/kagent-tool-server (got model:default/qwen3-32b)',
    ],
    [
      'models given as a string',
      s => {
        s.models = 'model:default/qwen3-32b';
      },
      'spec.models: must be an array (got model:default/qwen3-32b)',
    ],
    [
      'a numeric tool',
      s => {
        s.tools = [42];
      },
      'spec.tools[0]: must be a string (got 42)',
    ],
    [
      'an unknown runtime',
      s => {
        s.runtime = 'autogen';
      },
      'spec.runtime: must be one of kagent, dapr-agents, langgraph, custom (got autogen)',
    ],
    [
      'an A2A card that is not a URL',
      s => {
        s.a2aCard = 'agent-card.json';
      },
      'spec.a2aCard: must be an http:// or https:// URL (got agent-card.json)',
    ],
    [
      'an empty description',
      s => {
        s.description = '';
      },
      'spec.description: must not be empty (got "")',
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const agent = validAgent();
    mutate(agent.spec);
    expect(messages(validateAgentEntity(agent))).toEqual([expected]);
  });

  it('formats several problems on one line', () => {
    const agent = validAgent();
    delete agent.spec.owner;
    agent.spec.models = ['x:y:z'];
    expect(formatValidationProblems(validateAgentEntity(agent))).toBe(
      'spec.owner: is required; spec.models[0]: must be an entity ref to a Model, like model:default/qwen3-32b (got x:y:z)',
    );
  });
});

describe('validateModelServerFields', () => {
  it('checks the model and cluster refs of model-server Components', () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: {
        type: 'model-server',
        lifecycle: 'production',
        owner: 'team',
        model: 'group:default/qwen',
        cluster: 'h100-prod',
      },
    };
    expect(isModelServerComponent(component)).toBe(true);
    expect(messages(validateModelServerFields(component))).toEqual([
      'spec.model: must be an entity ref to a Model, like model:default/qwen3-32b (got group:default/qwen)',
    ]);
  });
});

describe('JSON schemas with the upstream entityKindSchemaValidator', () => {
  const validateModel = entityKindSchemaValidator(modelEntityV1alpha1Schema);
  const validateAgent = entityKindSchemaValidator(agentEntityV1alpha1Schema);

  it('accepts valid entities', () => {
    const model = validModel();
    expect(validateModel(model)).toBe(model);
    const agent = validAgent();
    expect(validateAgent(agent)).toBe(agent);
  });

  it('returns false for other kinds so other validators can claim them', () => {
    expect(validateModel(validAgent())).toBe(false);
    expect(
      validateAgent({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).toBe(false);
  });

  it('throws for invalid entities of the kind, as the validators do', () => {
    const model = validModel();
    model.spec.source.uri = 'ftp://x';
    expect(() => validateModel(model)).toThrow(/source\/uri/);
    expect(validateModelEntity(model)).toHaveLength(1);

    const agent = validAgent();
    delete agent.spec.description;
    expect(() => validateAgent(agent)).toThrow(/description/);
  });

  it('rejects foreign root fields through the Entity envelope', () => {
    expect(() => validateModel({ ...validModel(), extra: 1 })).toThrow();
  });
});

describe('type guards', () => {
  it('recognise the kinds by apiVersion and kind', () => {
    expect(isModelEntity(validModel())).toBe(true);
    expect(isAgentEntity(validModel())).toBe(false);
    expect(isAgentEntity(validAgent())).toBe(true);
    expect(
      isModelEntity({ ...validModel(), apiVersion: 'example.com/v1' }),
    ).toBe(false);
  });
});
