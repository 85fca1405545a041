/** One YAML document of one file. */
export interface ManifestDocument {
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  /** Index of the document in its file, from 0. */
  index: number;
  /** The parsed document. */
  value: unknown;
}

/** One thing wrong with one object, as precise as the checks can say. */
export interface ManifestProblem {
  file: string;
  documentIndex: number;
  /** `kind/name` when the document says. */
  object?: string;
  /** JSON path in the object, like `spec.template.spec.containers[0].image`; empty for the whole object. */
  path: string;
  message: string;
}

/** A document that is a Kubernetes-style object, with its identity read out. */
export interface ManifestObject extends ManifestDocument {
  value: Record<string, any>;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

/** `manifests/x.yaml[0] Deployment/qwen: spec.replicas: must be ...` */
export function formatProblem(problem: ManifestProblem): string {
  const where = `${problem.file}[${problem.documentIndex}]${
    problem.object ? ` ${problem.object}` : ''
  }`;
  return `${where}: ${problem.path ? `${problem.path}: ` : ''}${
    problem.message
  }`;
}
