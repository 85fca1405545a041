/**
 * `/version` handling: defaults and defensive parsing of the Kubernetes minor.
 */
import type { KubeVersionInfo } from '../types';

export const DEFAULT_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.2',
};

const GO_VERSIONS: Record<number, string> = {
  28: 'go1.20.14',
  29: 'go1.21.13',
  30: 'go1.22.12',
  31: 'go1.23.6',
  32: 'go1.23.8',
  33: 'go1.24.4',
  34: 'go1.24.9',
  35: 'go1.25.3',
  36: 'go1.25.6',
  37: 'go1.26.1',
};

/** Parses minors like "34", "34+" or, failing that, the minor of gitVersion ("v1.34.3-gke.1"). */
export function parseMinor(version: Partial<KubeVersionInfo>): number {
  const fromMinor = /^(\d+)/.exec(String(version.minor ?? ''));
  if (fromMinor) {
    return Number(fromMinor[1]);
  }
  const fromGit = /^v?\d+\.(\d+)/.exec(String(version.gitVersion ?? ''));
  if (fromGit) {
    return Number(fromGit[1]);
  }
  return Number(DEFAULT_VERSION.minor);
}

/** Fills every /version field; `major`/`minor` are derived from gitVersion when missing. */
export function completeVersion(
  input: Partial<KubeVersionInfo> | undefined,
): KubeVersionInfo {
  const v = input ?? {};
  const git = /^v?(\d+)\.(\d+)/.exec(String(v.gitVersion ?? ''));
  const major =
    v.major !== undefined ? String(v.major) : git?.[1] ?? DEFAULT_VERSION.major;
  const minor =
    v.minor !== undefined ? String(v.minor) : git?.[2] ?? DEFAULT_VERSION.minor;
  let gitVersion = `v${major}.${minor.replace(/\D.*$/, '')}.0`;
  if (v.gitVersion !== undefined) gitVersion = String(v.gitVersion);
  else if (v.major === undefined && v.minor === undefined)
    gitVersion = DEFAULT_VERSION.gitVersion;
  const minorNum = parseMinor({ minor, gitVersion });
  return {
    major,
    minor,
    gitVersion,
    gitCommit: v.gitCommit ?? '0123456789abcdef0123456789abcdef01234567',
    gitTreeState: v.gitTreeState ?? 'clean',
    buildDate: v.buildDate ?? '2025-01-01T00:00:00Z',
    goVersion: v.goVersion ?? GO_VERSIONS[minorNum] ?? 'go1.24.9',
    compiler: v.compiler ?? 'gc',
    platform: v.platform ?? 'linux/amd64',
  };
}
