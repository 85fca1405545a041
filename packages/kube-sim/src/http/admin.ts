/**
 * The `/_sim/` admin endpoint (served on every cluster port and, optionally, on its own port).
 *
 *   GET    /_sim/faults            -> {"faults": [...]}  active rules (times = what is left)
 *   POST   /_sim/faults            body: a rule, a list or {"faults": [...]} -> adds them
 *   PUT    /_sim/faults            same body -> replaces all rules
 *   DELETE /_sim/faults            removes every rule
 *   POST   /_sim/compact           forgets list snapshots and watch history (continue -> 410)
 *   POST   /_sim/objects           body: an object or a List -> upserted (ADDED/MODIFIED events)
 *   DELETE /_sim/objects?apiVersion=v1&kind=Pod&name=x&namespace=y
 *   GET    /_sim/clusters          -> {"clusters": [{name, url, port}]}
 *
 * Cluster-specific calls act on the cluster whose port received them, or `?cluster=NAME`.
 */
import type { IncomingMessage } from 'node:http';
import { FaultEngine, FaultRuleError, parseFaultRules } from '../faults/faults';
import { ClusterState, ObjectError } from '../store/ClusterState';
import type { KubeObject } from '../types';
import { readBody } from './resourceHandlers';
import type { Responder } from './responder';
import { ApiError } from './status';

export interface AdminContext {
  faults: FaultEngine;
  /** Waits until listeners reflect the fault rules (refuse). */
  settle(): Promise<void>;
  cluster(name: string): ClusterState | undefined;
  clusters(): { name: string; url: string; port: number }[];
}

function flattenObjects(body: unknown): KubeObject[] {
  const o = body as Record<string, unknown>;
  if (
    o &&
    typeof o === 'object' &&
    typeof o.kind === 'string' &&
    o.kind.endsWith('List') &&
    Array.isArray(o.items)
  ) {
    return o.items as KubeObject[];
  }
  if (Array.isArray(body)) return body as KubeObject[];
  return [body as KubeObject];
}

export async function handleAdmin(
  req: IncomingMessage,
  out: Responder,
  url: URL,
  ctx: AdminContext,
  defaultCluster?: string,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.replace(/\/+$/, '');
  const clusterName = url.searchParams.get('cluster') ?? defaultCluster;
  const requireCluster = (): ClusterState => {
    const c = clusterName ? ctx.cluster(clusterName) : undefined;
    if (!c) {
      throw new ApiError(
        404,
        clusterName ? `unknown cluster "${clusterName}"` : 'pass ?cluster=NAME',
        'NotFound',
      );
    }
    return c;
  };
  try {
    if (path === '/_sim/faults') {
      if (method === 'GET') {
        out.json(200, { faults: ctx.faults.list() });
        return;
      }
      if (method === 'DELETE') {
        ctx.faults.clear();
        await ctx.settle();
        out.json(200, { faults: [] });
        return;
      }
      if (method === 'POST' || method === 'PUT') {
        const rules = parseFaultRules(await readBody(req), 'faults');
        if (method === 'PUT') ctx.faults.set(rules);
        else for (const r of rules) ctx.faults.add(r);
        const faults = ctx.faults.list();
        if (rules.some(r => r.kind === 'refuse')) {
          // Answer first: closing this very listener would cut the response.
          out.json(200, { faults });
          await ctx.settle();
          return;
        }
        await ctx.settle();
        out.json(200, { faults });
        return;
      }
    }
    if (path === '/_sim/compact' && method === 'POST') {
      const c = requireCluster();
      c.store.compact();
      out.json(200, {
        cluster: c.name,
        resourceVersion: String(c.store.currentRv()),
      });
      return;
    }
    if (path === '/_sim/objects' && method === 'POST') {
      const c = requireCluster();
      const objects = flattenObjects(await readBody(req)).map(o => {
        const ev = c.upsert(o);
        return {
          type: ev.type,
          apiVersion: ev.entry.apiVersion,
          kind: ev.entry.kind,
          name: ev.entry.name,
          namespace: ev.entry.namespace,
          resourceVersion: String(ev.rv),
        };
      });
      out.json(200, { objects });
      return;
    }
    if (path === '/_sim/objects' && method === 'DELETE') {
      const c = requireCluster();
      const q = url.searchParams;
      const apiVersion = q.get('apiVersion');
      const kind = q.get('kind');
      const name = q.get('name');
      if (!apiVersion || !kind || !name) {
        throw new ApiError(
          400,
          'apiVersion, kind and name are required',
          'BadRequest',
        );
      }
      const removed = c.remove(
        apiVersion,
        kind,
        name,
        q.get('namespace') ?? undefined,
      );
      out.json(removed ? 200 : 404, { removed });
      return;
    }
    if (path === '/_sim/clusters' && method === 'GET') {
      out.json(200, { clusters: ctx.clusters() });
      return;
    }
    throw new ApiError(
      404,
      `unknown admin endpoint ${method} ${url.pathname}`,
      'NotFound',
    );
  } catch (e) {
    if (e instanceof FaultRuleError || e instanceof ObjectError) {
      out.error(new ApiError(400, e.message, 'BadRequest'));
      return;
    }
    if (e instanceof ApiError) {
      out.error(e);
      return;
    }
    throw e;
  }
}
