import {
  AI_PLATFORM_API_VERSION,
  formatValidationProblems,
  isAgentEntity,
  isMcpServerApi,
  isModelEntity,
  isModelServerComponent,
  KindValidationProblem,
  MCP_SERVER_API_TYPE,
  validateAgentEntity,
  validateModelEntity,
  validateModelServerFields,
} from '@ai-platform/plugin-ai-platform-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';

/** The location type processors receive (declared in plugin-catalog-common). */
type LocationSpec = Parameters<
  NonNullable<CatalogProcessor['postProcessEntity']>
>[1];

const KNOWN_KINDS = ['Model', 'Agent'];
const GROUP_PREFIX = 'ai-platform.dev/';

/** Reads entities by ref; used to check, when possible, that an Agent's tools are MCP servers. */
export type EntityLookup = (refs: string[]) => Promise<(Entity | undefined)[]>;

export interface AiPlatformEntitiesProcessorOptions {
  /** Looks up an Agent's tools; without it the check is skipped. */
  lookupEntities?: EntityLookup;
  logger?: LoggerService;
}

/**
 * Validates the Model and Agent kinds (rejecting invalid ones with the
 * field path that is wrong) and emits their relations in both directions:
 *
 * - Model and Agent: `ownedBy`/`ownerOf` (spec.owner), `partOf`/`hasPart` (spec.system);
 * - Agent: `dependsOn`/`dependencyOf` to its Models, `consumesApi`/`apiConsumedBy`
 *   to its MCP server APIs;
 * - Component of type `model-server`: `dependsOn`/`dependencyOf` to its Model
 *   (spec.model) and to its cluster Resource (spec.cluster).
 */
export class AiPlatformEntitiesProcessor implements CatalogProcessor {
  constructor(
    private readonly options: AiPlatformEntitiesProcessorOptions = {},
  ) {}

  getProcessorName(): string {
    return 'AiPlatformEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion?.startsWith(GROUP_PREFIX)) {
      const kindLabel = `${entity.kind} ${refOf(entity)}`;
      if (!KNOWN_KINDS.includes(entity.kind)) {
        throw new InputError(
          `${kindLabel}: kind must be one of ${KNOWN_KINDS.join(
            ', ',
          )} for apiVersion ${entity.apiVersion}`,
        );
      }
      if (entity.apiVersion !== AI_PLATFORM_API_VERSION) {
        throw new InputError(
          `${kindLabel}: apiVersion must be ${AI_PLATFORM_API_VERSION} (got ${entity.apiVersion})`,
        );
      }
      const problems =
        entity.kind === 'Model'
          ? validateModelEntity(entity)
          : validateAgentEntity(entity);
      throwIfInvalid(kindLabel, problems);
      return true;
    }
    if (isModelServerComponent(entity)) {
      throwIfInvalid(
        `Component ${refOf(entity)}`,
        validateModelServerFields(entity),
      );
    }
    // Everything else (including the model-server Component's upstream
    // schema) is for the other processors to accept.
    return false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const both = (
      targets: unknown,
      defaultKind: string,
      outgoing: string,
      incoming: string,
    ) => {
      for (const target of [targets].flat()) {
        if (typeof target !== 'string' || !target) continue;
        const ref = parseEntityRef(target, {
          defaultKind,
          defaultNamespace: namespace,
        });
        const other: CompoundEntityRef = {
          kind: ref.kind,
          namespace: ref.namespace,
          name: ref.name,
        };
        emit(
          processingResult.relation({
            source: self,
            type: outgoing,
            target: other,
          }),
        );
        emit(
          processingResult.relation({
            source: other,
            type: incoming,
            target: self,
          }),
        );
      }
    };

    if (isModelEntity(entity) || isAgentEntity(entity)) {
      both(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
      both(entity.spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    }
    if (isAgentEntity(entity)) {
      both(
        entity.spec.models,
        'Model',
        RELATION_DEPENDS_ON,
        RELATION_DEPENDENCY_OF,
      );
      both(
        entity.spec.tools,
        'API',
        RELATION_CONSUMES_API,
        RELATION_API_CONSUMED_BY,
      );
      await this.checkTools(entity.spec.tools, namespace, location, emit);
    }
    if (isModelServerComponent(entity)) {
      both(
        entity.spec.model,
        'Model',
        RELATION_DEPENDS_ON,
        RELATION_DEPENDENCY_OF,
      );
      both(
        entity.spec.cluster,
        'Resource',
        RELATION_DEPENDS_ON,
        RELATION_DEPENDENCY_OF,
      );
    }
    return entity;
  }

  /**
   * An Agent's tools must be MCP servers. The catalog only knows what it
   * has already ingested, so a tool that is not there yet is not an error;
   * an API that is there with another type is.
   */
  private async checkTools(
    tools: string[],
    namespace: string,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ) {
    const lookup = this.options.lookupEntities;
    if (!lookup || !Array.isArray(tools) || tools.length === 0) return;
    const refs = tools.map(t =>
      stringifyEntityRef(
        parseEntityRef(t, { defaultKind: 'API', defaultNamespace: namespace }),
      ),
    );
    let found: (Entity | undefined)[];
    try {
      found = await lookup(refs);
    } catch (error) {
      this.options.logger?.debug(
        `Could not check the tools of an Agent: ${String(error)}`,
      );
      return;
    }
    found.forEach((tool, i) => {
      if (tool && !isMcpServerApi(tool)) {
        const type = (tool.spec as { type?: unknown } | undefined)?.type;
        emit(
          processingResult.inputError(
            location,
            `spec.tools[${i}]: must be an API of spec.type ${MCP_SERVER_API_TYPE} (${
              refs[i]
            } is ${
              tool.kind === 'API'
                ? `an API of type ${String(type)}`
                : `a ${tool.kind}`
            })`,
          ),
        );
      }
    });
  }
}

function refOf(entity: Entity): string {
  const name = entity.metadata?.name ?? '<unnamed>';
  const namespace = entity.metadata?.namespace ?? 'default';
  return `${entity.kind?.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}

function throwIfInvalid(what: string, problems: KindValidationProblem[]) {
  if (problems.length) {
    throw new InputError(
      `${what} is invalid: ${formatValidationProblems(problems)}`,
    );
  }
}
