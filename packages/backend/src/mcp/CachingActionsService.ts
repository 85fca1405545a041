import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  ActionsServiceAction,
} from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { JsonObject, JsonValue } from '@backstage/types';
import { Minimatch } from 'minimatch';

/** How long a caller's list of actions is reused, unless configured. */
export const DEFAULT_ACTION_LIST_TTL_MS = 5_000;
/** Callers whose lists are kept at once; the oldest goes first. */
const MAX_CACHED_CALLERS = 1_000;

type ActionAttribute = keyof ActionsServiceAction['attributes'];
const ATTRIBUTES: ActionAttribute[] = ['destructive', 'readOnly', 'idempotent'];

interface FilterRule {
  id?: Minimatch;
  attributes: Partial<Record<ActionAttribute, boolean>>;
}

interface CachedList {
  expiresAt: number;
  actions: Promise<ActionsServiceAction[]>;
}

/**
 * The actions service of `backend.actions.pluginSources`, remembering each
 * caller's list of actions for a few seconds.
 *
 * The MCP server lists every plugin's actions on every tools/call, to find
 * the one called: three HTTP requests, each with a fresh token and the
 * plugin's visibility checks, which cost more than the call itself
 * (bench/mcp). The list depends on who asks (actions hidden by
 * `visibilityPermission`), so it is kept per principal; a change of
 * permissions shows within the TTL. Invocations are never cached, and the
 * invoked plugin checks permissions again. A list with a failed source is
 * not kept.
 */
export class CachingActionsService implements ActionsService {
  private readonly lists = new Map<string, CachedList>();
  private readonly include: FilterRule[];
  private readonly exclude: FilterRule[];

  static fromConfig(options: {
    config: Config;
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    /** The clock, for tests. */
    now?: () => number;
  }): CachingActionsService {
    const { config } = options;
    const ttlSeconds = config.getOptionalNumber(
      'aiPlatform.mcp.actionListCacheSeconds',
    );
    return new CachingActionsService({
      ...options,
      pluginSources:
        config.getOptionalStringArray('backend.actions.pluginSources') ?? [],
      filter: config.getOptionalConfig('backend.actions.filter'),
      ttlMs:
        ttlSeconds === undefined
          ? DEFAULT_ACTION_LIST_TTL_MS
          : Math.max(0, ttlSeconds * 1000),
    });
  }

  constructor(
    private readonly options: {
      pluginSources: string[];
      filter?: Config;
      ttlMs: number;
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.include = readRules(options.filter, 'include');
    this.exclude = readRules(options.filter, 'exclude');
  }

  async list({
    credentials,
  }: {
    credentials: BackstageCredentials;
  }): Promise<{ actions: ActionsServiceAction[] }> {
    const key = callerKey(credentials);
    const now = this.now();
    const cached = key !== undefined ? this.lists.get(key) : undefined;
    if (cached && cached.expiresAt > now) {
      return { actions: await cached.actions };
    }
    const fetched = this.fetchAll(credentials);
    if (key !== undefined && this.options.ttlMs > 0) {
      const entry: CachedList = {
        expiresAt: now + this.options.ttlMs,
        actions: fetched.then(({ actions, complete }) => {
          if (!complete && this.lists.get(key) === entry) {
            this.lists.delete(key);
          }
          return actions;
        }),
      };
      this.remember(key, entry);
    }
    return { actions: (await fetched).actions };
  }

  async invoke(opts: {
    id: string;
    input?: JsonObject;
    secrets?: JsonObject;
    credentials: BackstageCredentials;
  }): Promise<{ output: JsonValue }> {
    const colon = opts.id.indexOf(':');
    if (colon < 1) {
      throw new Error(
        `Invalid action id "${opts.id}": expected <pluginId>:<name>`,
      );
    }
    const pluginId = opts.id.slice(0, colon);
    // v2 carries secrets next to the input; v1 is the input alone.
    const version = opts.secrets ? 'v2' : 'v1';
    const body =
      version === 'v2'
        ? { input: opts.input, secrets: opts.secrets }
        : opts.input;
    const response = await this.request(
      pluginId,
      `/.backstage/actions/${version}/actions/${encodeURIComponent(
        opts.id,
      )}/invoke`,
      opts.credentials,
      {
        method: 'POST',
        body: JSON.stringify(body ?? {}),
        headers: { 'Content-Type': 'application/json' },
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { output } = (await response.json()) as { output: JsonValue };
    return { output };
  }

  private async fetchAll(
    credentials: BackstageCredentials,
  ): Promise<{ actions: ActionsServiceAction[]; complete: boolean }> {
    let complete = true;
    const lists = await Promise.all(
      this.options.pluginSources.map(async source => {
        try {
          const response = await this.request(
            source,
            '/.backstage/actions/v1/actions',
            credentials,
          );
          if (!response.ok) throw await ResponseError.fromResponse(response);
          const { actions } = (await response.json()) as {
            actions: ActionsServiceAction[];
          };
          return actions;
        } catch (error) {
          complete = false;
          this.options.logger.warn(
            `Failed to fetch actions from ${source}`,
            error as Error,
          );
          return [];
        }
      }),
    );
    return {
      actions: lists.flat().filter(action => this.isServed(action)),
      complete,
    };
  }

  private async request(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
    init?: RequestInit,
  ): Promise<Response> {
    const baseUrl = await this.options.discovery.getBaseUrl(pluginId);
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string> | undefined),
        Authorization: `Bearer ${token}`,
        // A call inside the backend (or its cluster network): compressing
        // the answer only to inflate it again costs more than it saves.
        'Accept-Encoding': 'identity',
      },
    });
  }

  /** `backend.actions.filter`: excluded loses; with include rules, one must match. */
  private isServed(action: ActionsServiceAction): boolean {
    if (this.exclude.some(rule => matches(action, rule))) return false;
    return (
      this.include.length === 0 ||
      this.include.some(rule => matches(action, rule))
    );
  }

  private remember(key: string, entry: CachedList) {
    this.lists.delete(key);
    this.lists.set(key, entry);
    if (this.lists.size > MAX_CACHED_CALLERS) {
      this.lists.delete(this.lists.keys().next().value!);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function readRules(
  filter: Config | undefined,
  key: 'include' | 'exclude',
): FilterRule[] {
  return (filter?.getOptionalConfigArray(key) ?? []).map(rule => {
    const id = rule.getOptionalString('id');
    const attributesConfig = rule.getOptionalConfig('attributes');
    const attributes: FilterRule['attributes'] = {};
    for (const attribute of ATTRIBUTES) {
      const value = attributesConfig?.getOptionalBoolean(attribute);
      if (value !== undefined) attributes[attribute] = value;
    }
    return { id: id ? new Minimatch(id) : undefined, attributes };
  });
}

function matches(action: ActionsServiceAction, rule: FilterRule): boolean {
  if (rule.id && !rule.id.match(action.id)) return false;
  return Object.entries(rule.attributes).every(
    ([attribute, value]) =>
      action.attributes[attribute as ActionAttribute] === value,
  );
}

/**
 * Who is asking, as far as the lists differ: the user (and the service
 * acting for them), or the service. Callers with no principal are not cached.
 */
function callerKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  if (principal.type === 'user') {
    return `user:${principal.userEntityRef}:${principal.actor?.subject ?? ''}`;
  }
  if (principal.type === 'service') return `service:${principal.subject}`;
  return undefined;
}
