import fs from 'node:fs';
import path from 'node:path';
import {
  KubeObject,
  KubeSim,
  KubeSimOptions,
  SimClusterSpec,
  startKubeSim,
} from '@ai-platform/kube-sim';
import { REPO_ROOT } from './BackendProcess';

export const KUBE_SIM_DIR = path.join(REPO_ROOT, 'packages/kube-sim');
export const DEMO_CLUSTERS = ['h100-prod', 'a100-research', 'mi300x-lab'];

/** One request kube-sim served, from its request log. */
export interface SimRequest {
  cluster: string;
  method: string;
  url: string;
  status: number;
  aborted: boolean;
  /** When the request arrived (epoch ms). */
  startedAt: number;
  durationMs: number;
}

const REQUEST_LINE =
  /^\[([^\]]+)\] ([A-Z]+) (\S+) (\d+)( \(aborted\))? (\d+)ms$/;

export interface RecordedKubeSim {
  sim: KubeSim;
  requests: SimRequest[];
  /** Other log lines (warnings). */
  messages: string[];
}

/** kube-sim with request logging, every request parsed into `requests`. */
export async function startRecordedKubeSim(
  options: KubeSimOptions,
): Promise<RecordedKubeSim> {
  const requests: SimRequest[] = [];
  const messages: string[] = [];
  const sim = await startKubeSim({
    ...options,
    logRequests: true,
    logger: line => {
      const m = REQUEST_LINE.exec(line);
      if (!m) {
        messages.push(line);
        return;
      }
      const durationMs = Number(m[6]);
      requests.push({
        cluster: m[1],
        method: m[2],
        url: m[3],
        status: Number(m[4]),
        aborted: !!m[5],
        startedAt: Date.now() - durationMs,
        durationMs,
      });
    },
  });
  return { sim, requests, messages };
}

interface OracleEntry {
  folder: string;
}

/** The demo and fixture clusters of kube-sim, by name (packages/kube-sim/demo-expectations.json). */
export function kubeSimClusterSpec(
  name: string,
  token: string,
): SimClusterSpec {
  const oracle: Record<string, OracleEntry> = JSON.parse(
    fs.readFileSync(path.join(KUBE_SIM_DIR, 'demo-expectations.json'), 'utf8'),
  );
  if (!oracle[name]) throw new Error(`No kube-sim cluster named ${name}`);
  return { name, dir: path.join(KUBE_SIM_DIR, oracle[name].folder), token };
}

/** A collection begins with GET /version: one per collection attempt. */
export function collectionStarts(
  requests: SimRequest[],
  cluster?: string,
): SimRequest[] {
  return requests.filter(
    r =>
      r.method === 'GET' &&
      r.url === '/version' &&
      (cluster === undefined || r.cluster === cluster),
  );
}

/** Groups kube-sim serves without CRDs (see kube-sim's discovery/builtins.ts). */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'admissionregistration.k8s.io',
  'rbac.authorization.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'storage.k8s.io',
  'certificates.k8s.io',
  'resource.k8s.io',
]);

const CRD_VERSIONS = ['v1', 'v1beta2', 'v1beta1', 'v1alpha2', 'v1alpha1'];

/**
 * CustomResourceDefinitions serving every (group, resource) given that
 * Kubernetes does not serve itself, in every version a collector might
 * prefer, so a collection asks for each of them.
 */
export function crdsServing(
  resources: { group: string; resource: string }[],
): KubeObject[] {
  return resources
    .filter(r => !BUILTIN_GROUPS.has(r.group))
    .map(({ group, resource }) => {
      const singular = resource.replace(/s$/, '');
      const kind = `${singular[0].toUpperCase()}${singular.slice(1)}`;
      return {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${resource}.${group}` },
        spec: {
          group,
          scope: 'Namespaced',
          names: {
            plural: resource,
            singular,
            kind,
            listKind: `${kind}List`,
          },
          versions: CRD_VERSIONS.map((name, i) => ({
            name,
            served: true,
            storage: i === 0,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          })),
        },
      } as KubeObject;
    });
}

/** The `kubernetes` config block that points a backend at simulated clusters through one service-account token. */
export function kubernetesConfig(
  clusters: { name: string; url: string; caData?: string }[],
  token: string,
) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(c => ({
          name: c.name,
          url: c.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: token,
          caData: c.caData,
        })),
      },
    ],
  };
}
