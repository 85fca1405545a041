import path from 'node:path';
import { KubeObject, loadClusterFolder } from '@ai-platform/kube-sim';
import { REPO_ROOT } from './BackendProcess';
import { grantsForServiceAccount, SubjectGrants } from '../rbac/kubeRbac';

export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');
export const COLLECTOR_SERVICE_ACCOUNT = {
  name: 'ai-platform-collector',
  namespace: 'ai-platform',
};

/**
 * Every object in deploy/*.yaml. kube-sim's folder loader is the YAML
 * reader: multi-document files, and an error naming the file and document
 * for anything that is not a Kubernetes object with apiVersion, kind and
 * metadata.name.
 */
export async function loadDeployManifests(): Promise<{
  objects: KubeObject[];
  files: string[];
}> {
  const { objects, files } = await loadClusterFolder(DEPLOY_DIR);
  return { objects, files };
}

/** What the collector's service account is granted by deploy/. */
export async function collectorGrants(): Promise<SubjectGrants> {
  const { objects } = await loadDeployManifests();
  return grantsForServiceAccount(objects as any[], COLLECTOR_SERVICE_ACCOUNT);
}
