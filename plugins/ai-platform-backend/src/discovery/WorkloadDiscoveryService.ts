import { DiscoveredWorkloads } from '@ai-platform/plugin-ai-platform-common';

/** Model servers, agents and MCP servers found in served snapshots. */
export interface WorkloadDiscoveryService {
  listDiscoveredWorkloads(options?: {
    cluster?: string;
  }): Promise<DiscoveredWorkloads[]>;
}
