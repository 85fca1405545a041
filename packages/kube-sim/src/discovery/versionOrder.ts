/**
 * Kubernetes API version priority ordering (as used for preferred versions and CRD version lists):
 * GA before beta before alpha, higher major first, then higher minor; non-Kubernetes-looking
 * versions last, alphabetically. Example: v2, v1, v2beta1, v1beta2, v1beta1, v1alpha1, foo.
 */
import { compareStrings } from '../util';

const KUBE_VERSION_RE = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

interface ParsedVersion {
  major: number;
  stage: number; // 2 GA, 1 beta, 0 alpha
  minor: number;
}

function parse(v: string): ParsedVersion | undefined {
  const m = KUBE_VERSION_RE.exec(v);
  if (!m) {
    return undefined;
  }
  let stage = 0;
  if (m[2] === undefined) stage = 2;
  else if (m[2] === 'beta') stage = 1;
  return { major: Number(m[1]), stage, minor: m[3] ? Number(m[3]) : 0 };
}

/** Sort comparator: negative when `a` has higher priority than `b`. */
export function compareKubeVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa && !pb) return -1;
  if (!pa && pb) return 1;
  if (!pa || !pb) return compareStrings(a, b);
  if (pa.stage !== pb.stage) return pb.stage - pa.stage;
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

export function sortKubeVersions(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compareKubeVersions);
}
