/**
 * kube-sim: a Kubernetes API server simulator for development, demos, tests and benchmarks.
 *
 * @packageDocumentation
 */
export { startKubeSim } from './sim';
export type { KubeSim, RunningSimCluster } from './sim';
export {
  loadClusterFolder,
  ClusterFolderError,
} from './loader/loadClusterFolder';
export type { LoadedClusterFolder } from './loader/loadClusterFolder';
export { generateSyntheticCluster, GPU_SKUS } from './generator/synthetic';
export type {
  SyntheticCluster,
  SyntheticClusterOptions,
  SyntheticClusterSummary,
} from './generator/synthetic';
export {
  parseFaultFile,
  parseFaultRules,
  validateFaultRule,
  FaultRuleError,
} from './faults/faults';
export { buildKubeconfig } from './kubeconfig/kubeconfig';
export {
  parseLabelSelector,
  matchLabels,
  SelectorError,
} from './selectors/labelSelector';
export { parseFieldSelector } from './selectors/fieldSelector';
export type {
  APIResource,
  FaultKind,
  FaultRule,
  FaultVerb,
  KubeObject,
  KubeObjectInput,
  KubeObjectMeta,
  KubeSimOptions,
  KubeVersionInfo,
  RestrictedToken,
  SimClusterSpec,
} from './types';
export { runCli, main } from './cli/main';
export { writeSyntheticFolder } from './generator/writeFolder';
