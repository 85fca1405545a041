import { aiPlatformInventoryReadPermission } from '@ai-platform/plugin-ai-platform-common';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  parseCapacityRequestBody,
  parseInventoryQueryParams,
  parseNodeQueryParams,
} from '../inventory/inventoryQueryParams';
import { parseClusterName } from '../clusters/parseClusterName';
import { authorize } from './authorize';
import { RouterDeps } from './router';

/** GPU inventory and capacity fit: `/inventory`, `/clusters/:name/inventory`, `/inventory/nodes`, `/capacity/fit`. */
export function createInventoryRouter(
  deps: Pick<
    RouterDeps,
    'httpAuth' | 'permissions' | 'inventory' | 'snapshots'
  >,
): express.Router {
  const router = Router();
  const { inventory, snapshots } = deps;
  const canRead = (req: express.Request) =>
    authorize(req, aiPlatformInventoryReadPermission, deps);

  router.get('/inventory', async (req, res) => {
    await canRead(req);
    const query = parseInventoryQueryParams(req.query);
    res.json(await inventory.getFleetInventory(query));
  });

  router.get('/inventory/nodes', async (req, res) => {
    await canRead(req);
    const query = parseNodeQueryParams(req.query);
    res.json(await inventory.listNodes(query));
  });

  router.get('/clusters/:name/inventory', async (req, res) => {
    await canRead(req);
    const name = parseClusterName(req.params.name);
    const found = await inventory.getClusterInventory(name);
    if (!found) {
      const status = await snapshots.getCluster(name);
      throw new NotFoundError(
        status
          ? `Cluster '${name}' has no inventory yet: it has not been collected successfully (state ${status.state})`
          : `Unknown cluster '${name}'`,
      );
    }
    const { nodeInventory: _nodes, ...summary } = found;
    res.json(summary);
  });

  router.post('/capacity/fit', async (req, res) => {
    await canRead(req);
    const request = parseCapacityRequestBody(req.body);
    res.json(await inventory.fitCapacity(request));
  });

  return router;
}
