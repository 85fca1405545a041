import { SnapshotService } from '../snapshots/SnapshotService';
import { DefaultInventoryService } from './DefaultInventoryService';
import { InventoryService } from './InventoryService';

/** GPU inventory and capacity fit over the served snapshots. */
export function createInventoryService(deps: {
  snapshots: SnapshotService;
}): InventoryService {
  return new DefaultInventoryService(deps.snapshots);
}
