import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ConformanceService } from '../conformance/ConformanceService';
import { WorkloadDiscoveryService } from '../discovery/WorkloadDiscoveryService';
import { InventoryService } from '../inventory/InventoryService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { createClustersRouter } from './clustersRouter';
import { createConformanceRouter } from './conformanceRouter';
import { createInventoryRouter } from './inventoryRouter';
import { jsonBody } from './limits';
import { createWorkloadsRouter } from './workloadsRouter';

export interface RouterDeps {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  snapshots: SnapshotService;
  inventory: InventoryService;
  conformance: ConformanceService;
  workloads: WorkloadDiscoveryService;
}

/** The REST API under /api/ai-platform, described by src/schema/openapi.yaml. */
export async function createRouter(deps: RouterDeps): Promise<express.Router> {
  const router = Router();
  // Requests are small queries; anything bigger is a mistake or an attack.
  router.use(jsonBody());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.use(createClustersRouter(deps));
  router.use(createInventoryRouter(deps));
  router.use(createConformanceRouter(deps));
  router.use(createWorkloadsRouter(deps));

  return router;
}
