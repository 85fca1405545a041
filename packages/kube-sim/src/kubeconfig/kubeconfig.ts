/**
 * Kubeconfig for the simulated clusters: one cluster, user and context per cluster, the first
 * cluster as current context.
 */
import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  url: string;
  token: string;
  /** Base64 PEM of the CA (TLS only). */
  caData?: string;
}

export function buildKubeconfig(clusters: KubeconfigCluster[]): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: c.caData
        ? { server: c.url, 'certificate-authority-data': c.caData }
        : // @kubernetes/client-node refuses plain http unless the cluster skips TLS verification.
          { server: c.url, 'insecure-skip-tls-verify': true },
    })),
    users: clusters.map(c => ({
      name: `${c.name}-user`,
      user: { token: c.token },
    })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-user` },
    })),
    'current-context': clusters[0]?.name ?? '',
  };
  return stringify(doc);
}
