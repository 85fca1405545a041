import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { DiscoveredWorkloads } from '@ai-platform/plugin-ai-platform-common';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';
import { discoverWorkloads } from './discoverWorkloads';

/**
 * The demo clusters, served by kube-sim over HTTP, collected by the real
 * collector, discovered, and compared with the oracle in
 * packages/kube-sim/demo-expectations.json.
 */
const KUBE_SIM = path.dirname(
  require.resolve('@ai-platform/kube-sim/package.json'),
);
const oracle = JSON.parse(
  fs.readFileSync(path.join(KUBE_SIM, 'demo-expectations.json'), 'utf8'),
);

interface ExpectedServer {
  source: string;
  namespace: string;
  name: string;
  model: string;
  modelId: string;
  gpus: number;
  replicas: number;
  gpusPerReplica?: number;
  gpuResource: string;
  ready: boolean;
  disaggregated?: unknown;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name);

const TOKEN = 'demo-discovery-token-0123456789';
const CLUSTERS: string[] = Object.keys(oracle);

describe('discoverWorkloads on the demo clusters', () => {
  let sim: KubeSim;
  const discovered = new Map<string, DiscoveredWorkloads>();

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: CLUSTERS.map(name => ({
        name,
        dir: path.join(KUBE_SIM, oracle[name].folder),
        token: TOKEN,
      })),
    });
    const collector = new ClusterCollector({
      settings: DEFAULT_COLLECTION_SETTINGS,
      logger: mockServices.logger.mock(),
    });
    for (const name of CLUSTERS) {
      const outcome = await collector.collect({
        name,
        url: sim.cluster(name).url,
        source: 'config',
        auth: { type: 'serviceAccount', token: TOKEN },
      });
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      discovered.set(name, discoverWorkloads(outcome.snapshot));
    }
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  describe.each(CLUSTERS)('%s', cluster => {
    const expected = oracle[cluster].discovery;

    it('finds exactly the expected model servers', () => {
      const found = discovered.get(cluster)!.modelServers;
      const key = (kind: string, ns: string, name: string) =>
        `${kind} ${ns}/${name}`;
      expect(
        found
          .map(s => key(s.source.kind, s.source.namespace, s.source.name))
          .sort(),
      ).toEqual(
        expected.modelServers
          .map((e: ExpectedServer) =>
            key(e.source.replace(/\(.*\)$/, ''), e.namespace, e.name),
          )
          .sort(),
      );
    });

    it('reads each model server as the oracle does', () => {
      const found = discovered.get(cluster)!.modelServers;
      const servers = expected.modelServers as ExpectedServer[];
      const kindOf = (e: ExpectedServer) => e.source.replace(/\(.*\)$/, '');
      // DRA-claimed GPUs are not extended-resource requests; not compared.
      const isDra = (e: ExpectedServer) => e.gpuResource.startsWith('dra:');
      const actual = servers.map(e => {
        const kind = kindOf(e);
        const server = found.find(
          s =>
            s.source.kind === kind &&
            s.source.namespace === e.namespace &&
            s.source.name === e.name,
        )!;
        const requested = server.acceleratorRequests[e.gpuResource] ?? 0;
        return {
          what: `${kind} ${e.namespace}/${e.name}`,
          modelId: server.modelId,
          modelUri: e.model.includes('://') ? server.modelUri : e.model,
          replicas: server.replicas ?? 1,
          ready: server.ready,
          // Per replica for workloads, the sum over the pods for pools.
          gpus: isDra(e)
            ? 'dra'
            : requested * (kind === 'InferencePool' ? 1 : e.replicas),
          disaggregated: Boolean(server.disaggregated),
        };
      });
      expect(actual).toEqual(
        servers.map(e => ({
          what: `${kindOf(e)} ${e.namespace}/${e.name}`,
          modelId: e.modelId,
          modelUri: e.model,
          replicas: e.replicas,
          ready: e.ready,
          gpus: isDra(e) ? 'dra' : e.gpus,
          disaggregated: Boolean(
            e.disaggregated || (e as { role?: string }).role,
          ),
        })),
      );
    });

    it('finds the expected agents with their model and tools', () => {
      const found = discovered.get(cluster)!.agents;
      expect(
        found.map(a => ({
          namespace: a.source.namespace,
          name: a.source.name,
          modelConfig: a.modelConfig?.name,
          model: a.modelConfig?.model,
          provider: a.modelConfig?.provider,
          baseUrl: a.modelConfig?.baseUrl,
          tools: a.mcpServers.map(m => m.split('/')[1]).sort(),
          ready: a.ready,
        })),
      ).toEqual(
        [...expected.agents].sort(byName).map((e: any) => ({
          namespace: e.namespace,
          name: e.name,
          modelConfig: e.modelConfig,
          model: e.model,
          provider: e.provider,
          baseUrl: e.baseUrl,
          tools: [...e.tools].sort(),
          ready: e.ready,
        })),
      );
    });

    it('finds the expected MCP servers', () => {
      const found = discovered.get(cluster)!.mcpServers;
      expect(
        found.map(m => ({
          namespace: m.source.namespace,
          name: m.source.name,
          url: m.url,
          protocol: m.protocol,
          discoveredTools: m.tools.length,
        })),
      ).toEqual(
        [...expected.mcpServers].sort(byName).map((e: any) => ({
          namespace: e.namespace,
          name: e.name,
          url: e.url,
          protocol: e.protocol,
          discoveredTools: e.discoveredTools,
        })),
      );
    });
  });
});
