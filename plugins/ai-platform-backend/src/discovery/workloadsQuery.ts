import { InputError } from '@backstage/errors';

/** Cluster names as the collector and the Kubernetes plugin config use them. */
const CLUSTER_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;

/** Parses the query of `GET /workloads`: an optional single `cluster` name. */
export function parseWorkloadsQuery(query: Record<string, unknown>): {
  cluster?: string;
} {
  const unknown = Object.keys(query).filter(key => key !== 'cluster');
  if (unknown.length) {
    throw new InputError(
      `Unknown query parameter ${unknown
        .map(k => `'${k}'`)
        .join(', ')}; allowed: cluster`,
    );
  }
  const cluster = query.cluster;
  if (cluster === undefined) return {};
  if (typeof cluster !== 'string') {
    throw new InputError(
      `Query parameter 'cluster' must be given once, as a cluster name`,
    );
  }
  if (!CLUSTER_NAME.test(cluster)) {
    throw new InputError(
      `Query parameter 'cluster' must be a cluster name (letters, digits, '.', '_' and '-', at most 253 characters), got ${JSON.stringify(
        cluster.slice(0, 60),
      )}`,
    );
  }
  return { cluster };
}
