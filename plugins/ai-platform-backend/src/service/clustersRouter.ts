import express from 'express';
import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import {
  aiPlatformClusterReadPermission,
  aiPlatformClusterRefreshPermission,
} from '@ai-platform/plugin-ai-platform-common';
import { parseClusterName } from '../clusters/parseClusterName';
import { clusterQueues } from '../snapshots/clusterQueues';
import { authorize } from './authorize';
import { RouterDeps } from './router';

/**
 * `/clusters`: every known cluster with its collection status, one cluster,
 * its queues, and the refresh trigger. Reads come from the served snapshots in memory.
 */
export function createClustersRouter(deps: RouterDeps): express.Router {
  const router = Router();

  router.get('/clusters', async (req, res) => {
    await authorize(req, aiPlatformClusterReadPermission, deps);
    res.json({ items: await deps.snapshots.listClusters() });
  });

  router.get('/clusters/:name', async (req, res) => {
    const name = parseClusterName(req.params.name);
    await authorize(req, aiPlatformClusterReadPermission, deps);
    const status = await deps.snapshots.getCluster(name);
    if (!status) {
      throw new NotFoundError(
        `No cluster named "${name}" is known; GET /clusters lists them`,
      );
    }
    res.json(status);
  });

  router.get('/clusters/:name/queues', async (req, res) => {
    const name = parseClusterName(req.params.name);
    await authorize(req, aiPlatformClusterReadPermission, deps);
    const served = await deps.snapshots.getLatest(name);
    if (!served) {
      throw new NotFoundError(
        (await deps.snapshots.getCluster(name))
          ? `Cluster "${name}" has no snapshot yet; its queues are not known`
          : `No cluster named "${name}" is known; GET /clusters lists them`,
      );
    }
    res.json(clusterQueues(name, served.snapshot, served.status.stale));
  });

  router.post('/clusters/:name/refresh', async (req, res) => {
    const name = parseClusterName(req.params.name);
    // A user action: service principals skip the permission policy, and
    // external tokens (the MCP token) must stay read-only.
    await deps.httpAuth.credentials(req, { allow: ['user'] });
    await authorize(req, aiPlatformClusterRefreshPermission, deps);
    await deps.snapshots.requestRefresh(name);
    res.status(202).json({ accepted: true });
  });

  return router;
}
