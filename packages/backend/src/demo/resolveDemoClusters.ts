import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import path from 'node:path';

export interface DemoCluster {
  name: string;
  dir: string;
  port: number;
  token: string;
}

/**
 * Pairs each demo cluster folder with its entry in the `kubernetes` config
 * block, which stays the one place a cluster's URL and token are set.
 */
export function resolveDemoClusters(config: Config): DemoCluster[] {
  const demo = config.getConfig('aiPlatform.demo.kubeSim');
  const clustersDir = demo.getOptionalString('clustersDir');
  const configured = new Map<string, Config>();
  for (const method of config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      configured.set(cluster.getString('name'), cluster);
    }
  }

  return demo.getConfigArray('clusters').map(entry => {
    const name = entry.getString('name');
    const cluster = configured.get(name);
    if (!cluster) {
      throw new InputError(
        `aiPlatform.demo.kubeSim.clusters: '${name}' has no entry in kubernetes.clusterLocatorMethods[type=config].clusters`,
      );
    }
    const url = new URL(cluster.getString('url'));
    if (!url.port) {
      throw new InputError(
        `kubernetes cluster '${name}': the demo simulator needs an explicit port in its url, got ${url.origin}`,
      );
    }
    const folder = entry.getOptionalString('dir') ?? name;
    return {
      name,
      dir: path.resolve(clustersDir ?? defaultClustersDir(), folder),
      port: Number(url.port),
      token: cluster.getString('serviceAccountToken'),
    };
  });
}

function defaultClustersDir() {
  return path.join(
    path.dirname(require.resolve('@ai-platform/kube-sim/package.json')),
    'clusters',
  );
}
