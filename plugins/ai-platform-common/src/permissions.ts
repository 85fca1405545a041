import { createPermission } from '@backstage/plugin-permission-common';

/** Read the list of clusters and their collection status. @public */
export const aiPlatformClusterReadPermission = createPermission({
  name: 'ai-platform.cluster.read',
  attributes: { action: 'read' },
});

/** Read GPU inventory and capacity fit. @public */
export const aiPlatformInventoryReadPermission = createPermission({
  name: 'ai-platform.inventory.read',
  attributes: { action: 'read' },
});

/** Read conformance scorecards, history and PRODUCT.yaml exports. @public */
export const aiPlatformScorecardReadPermission = createPermission({
  name: 'ai-platform.scorecard.read',
  attributes: { action: 'read' },
});

/** Trigger a collection now. @public */
export const aiPlatformClusterRefreshPermission = createPermission({
  name: 'ai-platform.cluster.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const aiPlatformPermissions = [
  aiPlatformClusterReadPermission,
  aiPlatformInventoryReadPermission,
  aiPlatformScorecardReadPermission,
  aiPlatformClusterRefreshPermission,
];
