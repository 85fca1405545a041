import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  FleetInventory,
  InventoryQuery,
  NodeInventory,
  NodeQuery,
  Page,
} from '@ai-platform/plugin-ai-platform-common';

/** GPU inventory and capacity fit, computed from served snapshots. */
export interface InventoryService {
  getClusterInventory(cluster: string): Promise<ClusterInventory | undefined>;
  getFleetInventory(query: InventoryQuery): Promise<FleetInventory>;
  listNodes(query: NodeQuery): Promise<Page<NodeInventory>>;
  fitCapacity(request: CapacityRequest): Promise<CapacityFit>;
}
