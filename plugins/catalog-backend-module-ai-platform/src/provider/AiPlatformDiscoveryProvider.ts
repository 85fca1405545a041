import {
  AiPlatformApi,
  DiscoveredWorkloads,
} from '@ai-platform/plugin-ai-platform-common';
import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { StreamEntitiesRequest } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  BuildOptions,
  BuiltEntity,
  buildDiscoveredEntities,
  DiscoveredCategory,
} from './buildDiscoveredEntities';
import { DeclaredEntityIndex } from './DeclaredEntityIndex';

/** Fields of declared entities the merge needs. */
const DECLARED_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.type',
  'spec.source',
  'spec.versions',
  'spec.remotes',
];

/**
 * Entities people declared that discovery merges into: not emitted by this
 * provider, and either a Model, an MCP server API, a cluster Resource, or
 * an entity that claims a cluster object.
 */
const DECLARED_QUERY: NonNullable<StreamEntitiesRequest['query']> = {
  $all: [
    {
      $not: {
        'metadata.annotations.backstage.io/managed-by-origin-location': {
          $hasPrefix: 'ai-platform:',
        },
      },
    },
    {
      $any: [
        { kind: 'Model' },
        { kind: 'API', 'spec.type': 'mcp-server' },
        { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
        {
          'metadata.annotations.ai-platform.dev/source-object': {
            $exists: true,
          },
        },
      ],
    },
  ],
};

export interface AiPlatformDiscoveryProviderOptions extends BuildOptions {
  api: AiPlatformApi;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Runs `run()` on a schedule once connected; tests and benches call `run()` themselves. */
  taskRunner?: SchedulerServiceTaskRunner;
}

export interface ProviderRunResult {
  clusters: number;
  entities: number;
}

/**
 * Turns the model servers, agents and MCP servers the AI Platform backend
 * discovered in clusters into catalog entities, merged with what people
 * declared, and applies them as a full mutation so that entities disappear
 * when their objects do. A cluster's list that could not be read this time
 * keeps the entities it had.
 */
export class AiPlatformDiscoveryProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private previous: BuiltEntity[] = [];

  constructor(private readonly options: AiPlatformDiscoveryProviderOptions) {}

  getProviderName(): string {
    return 'AiPlatformDiscoveryProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.run();
        } catch (error) {
          this.options.logger.warn(
            `AI Platform discovery did not update the catalog: ${String(
              error,
            )}`,
          );
        }
      },
    });
  }

  /** One discovery pass. Throws (and changes nothing) when a source cannot be read. */
  async run(): Promise<ProviderRunResult> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { api, auth, catalog, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ai-platform',
    });
    const { items } = await api.listDiscoveredWorkloads({}, { token });

    const declared: Entity[] = [];
    for await (const page of catalog.streamEntities(
      { query: DECLARED_QUERY, fields: DECLARED_FIELDS },
      { credentials },
    )) {
      declared.push(...page);
    }

    const built = this.keepUnreadable(
      items,
      buildDiscoveredEntities(
        items,
        DeclaredEntityIndex.fromEntities(declared),
        {
          defaultOwner: this.options.defaultOwner,
          defaultSystem: this.options.defaultSystem,
        },
      ),
    );

    await this.connection.applyMutation({
      type: 'full',
      entities: built.map(b => ({
        entity: b.entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.previous = built;
    logger.info(
      `AI Platform discovery: ${built.length} entities from ${items.length} clusters`,
    );
    return { clusters: items.length, entities: built.length };
  }

  /**
   * For lists a cluster could not read this time, keeps last run's entities
   * (and the discovered Models they point to) instead of deleting them.
   */
  private keepUnreadable(
    items: DiscoveredWorkloads[],
    built: BuiltEntity[],
  ): BuiltEntity[] {
    const unreadable = new Set<string>();
    for (const item of items) {
      for (const list of item.unreadable ?? []) {
        unreadable.add(`${item.cluster}|${list}`);
      }
    }
    if (unreadable.size === 0) return built;

    const refs = new Set(built.map(b => stringifyEntityRef(b.entity)));
    const kept = this.previous.filter(
      b =>
        b.category !== 'models' &&
        unreadable.has(`${b.cluster}|${b.category}`) &&
        !refs.has(stringifyEntityRef(b.entity)),
    );
    const neededModels = new Set(
      kept.flatMap(b => {
        const spec = b.entity.spec as { model?: string; models?: string[] };
        return [spec.model, ...(spec.models ?? [])].filter((r): r is string =>
          Boolean(r),
        );
      }),
    );
    const keptModels = this.previous.filter(
      b =>
        b.category === ('models' satisfies DiscoveredCategory) &&
        neededModels.has(stringifyEntityRef(b.entity)) &&
        !refs.has(stringifyEntityRef(b.entity)),
    );
    return [...built, ...kept, ...keptModels];
  }
}
