import { aiPlatformClusterReadPermission } from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseWorkloadsQuery } from '../discovery/workloadsQuery';
import { authorize } from './authorize';
import { RouterDeps } from './router';

/** `GET /workloads?cluster=`: model servers, agents and MCP servers found in clusters. */
export function createWorkloadsRouter(deps: RouterDeps): express.Router {
  const router = Router();

  router.get('/workloads', async (req, res) => {
    await authorize(req, aiPlatformClusterReadPermission, deps);
    const query = parseWorkloadsQuery(req.query as Record<string, unknown>);
    const items = await deps.workloads.listDiscoveredWorkloads(query);
    res.json({ items });
  });

  return router;
}
