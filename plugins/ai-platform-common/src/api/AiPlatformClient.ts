import { ResponseError } from '@backstage/errors';
import { ClusterStatus } from '../clusters';
import {
  Checklist,
  ChecklistVersion,
  Scorecard,
  VerdictChange,
} from '../conformance/types';
import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  FleetInventory,
  NodeInventory,
} from '../inventory/types';
import {
  AiPlatformApi,
  ClusterQueues,
  ConformanceMatrix,
  DiscoveredWorkloads,
  InventoryQuery,
  NodeQuery,
  Page,
  RequestOptions,
} from './types';

/**
 * HTTP client for the AI Platform backend. Works in the browser (with the
 * app's fetch and discovery APIs) and in other backend plugins (with their
 * discovery service and a plugin request token).
 *
 * @public
 */
export class AiPlatformClient implements AiPlatformApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...a) => fetch(...a) };
  }

  listClusters(options?: RequestOptions) {
    return this.get<{ items: ClusterStatus[] }>('/clusters', {}, options);
  }

  getCluster(name: string, options?: RequestOptions) {
    return this.get<ClusterStatus>(`/clusters/${enc(name)}`, {}, options);
  }

  refreshCluster(name: string, options?: RequestOptions) {
    return this.request<{ accepted: boolean }>(
      'POST',
      `/clusters/${enc(name)}/refresh`,
      {},
      undefined,
      options,
    );
  }

  getClusterQueues(name: string, options?: RequestOptions) {
    return this.get<ClusterQueues>(
      `/clusters/${enc(name)}/queues`,
      {},
      options,
    );
  }

  getFleetInventory(query: InventoryQuery = {}, options?: RequestOptions) {
    return this.get<FleetInventory>(
      '/inventory',
      inventoryParams(query),
      options,
    );
  }

  getClusterInventory(name: string, options?: RequestOptions) {
    return this.get<Omit<ClusterInventory, 'nodeInventory'>>(
      `/clusters/${enc(name)}/inventory`,
      {},
      options,
    );
  }

  listNodes(query: NodeQuery = {}, options?: RequestOptions) {
    return this.get<Page<NodeInventory>>(
      '/inventory/nodes',
      {
        ...inventoryParams(query),
        gpuOnly: query.gpuOnly,
        offset: query.offset,
        limit: query.limit,
      },
      options,
    );
  }

  fitCapacity(request: CapacityRequest, options?: RequestOptions) {
    return this.request<CapacityFit>(
      'POST',
      '/capacity/fit',
      {},
      request,
      options,
    );
  }

  listChecklists(options?: RequestOptions) {
    return this.get<{ items: Checklist[] }>('/checklists', {}, options);
  }

  getScorecard(
    cluster: string,
    query: { checklistVersion?: ChecklistVersion } = {},
    options?: RequestOptions,
  ) {
    return this.get<Scorecard>(
      `/clusters/${enc(cluster)}/scorecard`,
      { checklist: query.checklistVersion },
      options,
    );
  }

  getConformanceMatrix(
    query: { checklistVersion?: ChecklistVersion } = {},
    options?: RequestOptions,
  ) {
    return this.get<ConformanceMatrix>(
      '/conformance/matrix',
      { checklist: query.checklistVersion },
      options,
    );
  }

  getConformanceHistory(
    cluster: string,
    query: {
      since?: string;
      limit?: number;
      checklistVersion?: ChecklistVersion;
    } = {},
    options?: RequestOptions,
  ) {
    return this.get<{ items: VerdictChange[] }>(
      `/clusters/${enc(cluster)}/conformance/history`,
      {
        since: query.since,
        limit: query.limit,
        checklist: query.checklistVersion,
      },
      options,
    );
  }

  async getProductYaml(
    cluster: string,
    query: { checklistVersion?: ChecklistVersion } = {},
    options?: RequestOptions,
  ): Promise<string> {
    const response = await this.send(
      'GET',
      `/clusters/${enc(cluster)}/conformance/product.yaml`,
      { checklist: query.checklistVersion },
      undefined,
      options,
    );
    return response.text();
  }

  listDiscoveredWorkloads(
    query: { cluster?: string } = {},
    options?: RequestOptions,
  ) {
    return this.get<{ items: DiscoveredWorkloads[] }>(
      '/workloads',
      { cluster: query.cluster },
      options,
    );
  }

  private get<T>(
    path: string,
    params: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<T> {
    return this.request<T>('GET', path, params, undefined, options);
  }

  private async request<T>(
    method: string,
    path: string,
    params: Record<string, unknown>,
    body: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const response = await this.send(method, path, params, body, options);
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    params: Record<string, unknown>,
    body: unknown,
    options?: RequestOptions,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-platform');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined || value === null || value === '') continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        search.append(key, String(v));
      }
    }
    const query = search.toString();
    const headers: Record<string, string> = {};
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function enc(value: string) {
  return encodeURIComponent(value);
}

function inventoryParams(query: InventoryQuery): Record<string, unknown> {
  return {
    cluster: query.clusters,
    vendor: query.vendor,
    product: query.product,
    minMemoryGiB: query.minMemoryGiB,
    minFree: query.minFree,
  };
}
