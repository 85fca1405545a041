import {
  ClusterInventory,
  ClusterSnapshot,
  SnapshotPartName,
} from '@ai-platform/plugin-ai-platform-common';
import { computeNodeInventory, isGpuNode } from './computeNodeInventory';
import {
  allocatedDraDeviceKeys,
  collectCompleteDraPools,
  DraDeviceRecord,
} from './draPools';
import { acceleratorRequestsByNode } from './podAllocations';
import {
  rollUpByProduct,
  rollUpByVendor,
  rollUpDra,
  rollUpPartitions,
  sumCounts,
} from './rollUps';

/** The snapshot parts inventory numbers are made of. */
export const INVENTORY_PARTS: SnapshotPartName[] = [
  'nodes',
  'pods',
  'draResourceSlices',
  'draResourceClaims',
];

/**
 * GPU inventory of one cluster, a pure function of its snapshot: per node
 * (vendor, product, memory, versions, physical devices, units by group,
 * DRA devices, allocated and free) and rolled up by product, vendor,
 * partition and DRA driver.
 */
export function computeClusterInventory(
  snapshot: ClusterSnapshot,
  options: { stale: boolean },
): ClusterInventory {
  const census = collectCompleteDraPools(snapshot.dra.resourceSlices);
  const allocatedKeys = allocatedDraDeviceKeys(snapshot.dra.resourceClaims);
  const requestsByNode = acceleratorRequestsByNode(
    snapshot.pods.acceleratorPods,
  );
  const devicesByNode = new Map<string, DraDeviceRecord[]>();
  for (const device of census.devices) {
    if (!device.nodeName) continue;
    const list = devicesByNode.get(device.nodeName);
    if (list) list.push(device);
    else devicesByNode.set(device.nodeName, [device]);
  }

  const nodeInventory = [...snapshot.nodes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(node =>
      computeNodeInventory(node, {
        cluster: snapshot.cluster.name,
        draDevices: devicesByNode.get(node.name) ?? [],
        allocatedDraKeys: allocatedKeys,
        podRequests: requestsByNode.get(node.name) ?? {},
      }),
    );
  const gpuNodes = nodeInventory.filter(isGpuNode);
  const byProduct = rollUpByProduct(gpuNodes);
  const unreadableParts = INVENTORY_PARTS.filter(
    part => snapshot.parts[part]?.status === 'error',
  );

  return {
    cluster: snapshot.cluster.name,
    collectedAt: snapshot.collectedAt,
    stale: options.stale,
    gpuNodes: gpuNodes.length,
    nodes: snapshot.nodes.length,
    gpus: {
      ...sumCounts(nodeInventory),
      byProduct,
      byVendor: rollUpByVendor(byProduct),
    },
    partitions: rollUpPartitions(nodeInventory),
    dra: rollUpDra(census, allocatedKeys),
    nodeInventory,
    ...(unreadableParts.length ? { unreadableParts } : {}),
  };
}
