import { NotFoundError } from '@backstage/errors';
import { aiPlatformScorecardReadPermission } from '@ai-platform/plugin-ai-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import {
  parseChecklistParam,
  parseLimitParam,
  parseSinceParam,
  productYamlFilename,
} from '../conformance/parseConformanceQuery';
import { parseClusterName } from '../clusters/parseClusterName';
import { authorize } from './authorize';
import { RouterDeps } from './router';

/**
 * Conformance endpoints: checklists, scorecards, the fleet matrix, verdict
 * history and the PRODUCT.yaml draft. Every route needs the scorecard read
 * permission; inputs are checked before the service is asked.
 */
export function createConformanceRouter(deps: RouterDeps): express.Router {
  const router = Router();
  const { conformance } = deps;
  const allowed = (req: express.Request) =>
    authorize(req, aiPlatformScorecardReadPermission, deps);

  router.get('/checklists', async (req, res) => {
    await allowed(req);
    res.json({ items: conformance.listChecklists() });
  });

  router.get('/clusters/:name/scorecard', async (req, res) => {
    await allowed(req);
    const name = parseClusterName(req.params.name);
    const checklistVersion = parseChecklistParam(req.query.checklist);
    const scorecard = await conformance.getScorecard(name, {
      checklistVersion,
    });
    if (!scorecard) {
      throw new NotFoundError(
        `No snapshot of cluster '${name}': unknown or never collected`,
      );
    }
    res.json(scorecard);
  });

  router.get('/conformance/matrix', async (req, res) => {
    await allowed(req);
    const checklistVersion = parseChecklistParam(req.query.checklist);
    res.json(await conformance.getMatrix({ checklistVersion }));
  });

  router.get('/clusters/:name/conformance/history', async (req, res) => {
    await allowed(req);
    const name = parseClusterName(req.params.name);
    const since = parseSinceParam(req.query.since);
    const limit = parseLimitParam(req.query.limit);
    const checklistVersion = parseChecklistParam(req.query.checklist);
    const items = await conformance.getHistory(name, {
      since,
      limit,
      checklistVersion,
    });
    res.json({ items });
  });

  router.get('/clusters/:name/conformance/product.yaml', async (req, res) => {
    await allowed(req);
    const name = parseClusterName(req.params.name);
    const checklistVersion = parseChecklistParam(req.query.checklist);
    const text = await conformance.getProductYaml(name, {
      checklistVersion,
    });
    if (text === undefined) {
      throw new NotFoundError(
        `No snapshot of cluster '${name}': unknown or never collected`,
      );
    }
    res
      .status(200)
      .type('application/yaml')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="${productYamlFilename(name)}"`,
      )
      .send(text);
  });

  return router;
}
