import { Entity } from '@backstage/catalog-model';
import {
  AGENT_KIND,
  AGENT_RUNTIMES,
  AGENT_TYPES,
  AI_PLATFORM_API_VERSION,
  AgentRuntime,
  AgentType,
} from './constants';
import { NON_BLANK_PATTERN } from './patterns';

/**
 * An AI agent: what it does, who owns it, the models it calls and the MCP
 * servers it takes its tools from.
 *
 * @public
 */
export interface AgentEntityV1alpha1 extends Entity {
  apiVersion: typeof AI_PLATFORM_API_VERSION;
  kind: typeof AGENT_KIND;
  spec: AgentSpec;
}

/** @public */
export type AgentSpec = {
  type: AgentType;
  lifecycle: string;
  /** Entity ref of the owning Group or User. */
  owner: string;
  system?: string;
  /** The framework or controller that runs it. */
  runtime: AgentRuntime;
  /** Entity refs of the Models it uses (`model:default/qwen3-32b`). */
  models: string[];
  /** Entity refs of the `API`s of type `mcp-server` it takes tools from. */
  tools: string[];
  /** URL of its A2A agent card (`.../.well-known/agent-card.json`). */
  a2aCard?: string;
  /** What the agent does, in a sentence or two. */
  description: string;
};

/** @public */
export const agentKindSchemaPart = {
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { enum: [AI_PLATFORM_API_VERSION] },
    kind: { enum: [AGENT_KIND] },
    spec: {
      type: 'object',
      required: [
        'type',
        'lifecycle',
        'owner',
        'runtime',
        'models',
        'tools',
        'description',
      ],
      properties: {
        type: {
          type: 'string',
          description: 'How the agent is used.',
          enum: [...AGENT_TYPES],
        },
        lifecycle: {
          type: 'string',
          examples: ['experimental', 'production', 'deprecated'],
          minLength: 1,
        },
        owner: {
          type: 'string',
          description: 'Entity ref of the owning Group or User.',
          minLength: 1,
        },
        system: {
          type: 'string',
          description: 'Entity ref of the System the agent is part of.',
          minLength: 1,
        },
        runtime: {
          type: 'string',
          description: 'The framework or controller that runs the agent.',
          enum: [...AGENT_RUNTIMES],
        },
        models: {
          type: 'array',
          description: 'Entity refs of the Models the agent uses.',
          items: { type: 'string', minLength: 1 },
        },
        tools: {
          type: 'array',
          description:
            'Entity refs of the APIs of type mcp-server the agent takes tools from.',
          items: { type: 'string', minLength: 1 },
        },
        a2aCard: {
          type: 'string',
          description: 'URL of the A2A agent card.',
          pattern: '^https?://\\S+$',
        },
        description: {
          type: 'string',
          description: 'What the agent does.',
          pattern: NON_BLANK_PATTERN,
        },
      },
    },
  },
} as const;

/**
 * JSON Schema (draft-07) of the Agent kind, for `entityKindSchemaValidator`.
 *
 * @public
 */
export const agentEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'AgentV1alpha1',
  description:
    'An Agent is an AI agent: what it does, who owns it, which Models it uses and which MCP servers it takes tools from.',
  examples: [
    {
      apiVersion: AI_PLATFORM_API_VERSION,
      kind: AGENT_KIND,
      metadata: { name: 'cluster-doctor' },
      spec: {
        type: 'chat',
        lifecycle: 'production',
        owner: 'group:default/platform-engineering',
        runtime: 'kagent',
        models: ['model:default/qwen3-32b'],
        tools: ['api:default/kagent-tool-server'],
        description: 'Diagnoses failing workloads on the GPU clusters.',
      },
    },
  ],
  allOf: [{ $ref: 'Entity' }, agentKindSchemaPart],
};

/**
 * True for entities of kind Agent in the ai-platform.dev group.
 *
 * @public
 */
export function isAgentEntity(entity: Entity): entity is AgentEntityV1alpha1 {
  return (
    entity.apiVersion === AI_PLATFORM_API_VERSION &&
    entity.kind?.toLocaleLowerCase('en-US') === 'agent'
  );
}
