import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterConfigError,
  loadKubeconfigFile,
} from '../collection/clusterConnection';
import { ClusterList, isValidClusterName, SkippedCluster } from './types';

/**
 * Auth providers of the upstream Kubernetes plugin that need a signed-in
 * user's token (sent by the browser) or cloud SDK credentials; background
 * collection has neither, so such clusters are listed but not collected.
 */
const UNSUPPORTED_AUTH_HINT =
  'background collection has no signed-in user and no cloud credentials; give the cluster a read-only service account (authProvider: serviceAccount, see deploy/) or list it in aiPlatform.kubeconfigClusters';

/**
 * Clusters of the `kubernetes.clusterLocatorMethods` entries of type
 * `config`: the block the upstream Kubernetes plugin reads, so a cluster is
 * configured in one place.
 */
export function readKubernetesConfigClusters(config: Config): ClusterList {
  const clusters: ClusterDefinition[] = [];
  const skipped: SkippedCluster[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getOptionalString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((c, i) => {
      const where = `kubernetes.clusterLocatorMethods[${m}].clusters[${i}]`;
      const name = c.getOptionalString('name') ?? '';
      const title = c.getOptionalString('title');
      const skip = (reason: string) =>
        skipped.push({
          name: isValidClusterName(name) ? name : where,
          ...(title ? { title } : {}),
          source: 'config',
          reason,
        });
      if (!isValidClusterName(name)) {
        skip(
          `${where}.name "${name}" is not a valid cluster name (letters, digits, '-', '_', '.'; at most 253 characters)`,
        );
        return;
      }
      const url = c.getOptionalString('url');
      if (!url || !/^https?:\/\//.test(url)) {
        skip(`${where}.url must be an http(s) URL of the API server`);
        return;
      }
      const authProvider =
        c.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        skip(
          `authProvider "${authProvider}" is not supported for collection: ${UNSUPPORTED_AUTH_HINT}`,
        );
        return;
      }
      const token = c.getOptionalString('serviceAccountToken');
      const definition: ClusterDefinition = {
        name,
        url,
        source: 'config',
        // Without a token, the upstream plugin uses the pod's own service account; so do we.
        auth: token ? { type: 'serviceAccount', token } : { type: 'inCluster' },
      };
      if (title) definition.title = title;
      const caData = c.getOptionalString('caData');
      const caFile = c.getOptionalString('caFile');
      if (caData) definition.caData = caData;
      if (caFile) definition.caFile = caFile;
      if (c.getOptionalBoolean('skipTLSVerify'))
        definition.skipTLSVerify = true;
      clusters.push(definition);
    });
  });
  return { clusters, skipped };
}

/**
 * `aiPlatform.kubeconfigClusters`: a kubeconfig file and context each, for
 * local use. The file is read now to check the context and derive the name.
 */
export function readKubeconfigClusters(config: Config): ClusterList {
  const clusters: ClusterDefinition[] = [];
  const skipped: SkippedCluster[] = [];
  (
    config.getOptionalConfigArray('aiPlatform.kubeconfigClusters') ?? []
  ).forEach((entry, i) => {
    const file = entry.getString('file');
    const context = entry.getOptionalString('context');
    let name = entry.getOptionalString('name') ?? context ?? '';
    let url: string | undefined;
    try {
      const kc = new KubeConfig();
      loadKubeconfigFile(kc, file, context);
      name ||= kc.getCurrentContext();
      url = kc.getCurrentCluster()?.server;
    } catch (error) {
      const reason =
        error instanceof ClusterConfigError
          ? error.message
          : `kubeconfig ${file} cannot be read`;
      skipped.push({
        name: name || `aiPlatform.kubeconfigClusters[${i}]`,
        source: 'kubeconfig',
        reason,
      });
      return;
    }
    if (!isValidClusterName(name)) {
      skipped.push({
        name: `aiPlatform.kubeconfigClusters[${i}]`,
        source: 'kubeconfig',
        reason: `"${name}" is not a valid cluster name; set aiPlatform.kubeconfigClusters[${i}].name`,
      });
      return;
    }
    clusters.push({
      name,
      ...(url ? { url } : {}),
      source: 'kubeconfig',
      auth: { type: 'kubeconfig', file, ...(context ? { context } : {}) },
    });
  });
  return { clusters, skipped };
}

/** `aiPlatform.inClusterName`: the cluster the backend runs in, through the pod's service account. */
export function readInClusterCluster(config: Config): ClusterList {
  const name = config.getOptionalString('aiPlatform.inClusterName');
  if (!name) return { clusters: [], skipped: [] };
  if (!isValidClusterName(name)) {
    return {
      clusters: [],
      skipped: [
        {
          name,
          source: 'in-cluster',
          reason: `aiPlatform.inClusterName "${name}" is not a valid cluster name`,
        },
      ],
    };
  }
  return {
    clusters: [{ name, source: 'in-cluster', auth: { type: 'inCluster' } }],
    skipped: [],
  };
}
