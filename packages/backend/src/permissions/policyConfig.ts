import { Config } from '@backstage/config';

/** `aiPlatform.permissionPolicy.type`: which policy the permission backend uses. */
export type PermissionPolicyType = 'allow-all' | 'platform-teams';

export interface PermissionPolicyConfig {
  type: PermissionPolicyType;
  /** Groups (entity refs) whose members may refresh clusters. */
  refreshGroups: string[];
  /** Groups whose members may read the AI Platform; empty means every signed-in user. */
  readGroups: string[];
}

export const DEFAULT_REFRESH_GROUPS = ['group:default/platform-engineering'];
const TYPES: PermissionPolicyType[] = ['allow-all', 'platform-teams'];

/**
 * An entity ref in the form ownership refs use: lowercase
 * `kind:namespace/name`, kind `group` and namespace `default` when omitted.
 */
export function normalizeGroupRef(ref: string, key: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) {
    throw new Error(
      `${key}: "${ref}" is not an entity ref like group:default/platform-engineering`,
    );
  }
  const [, kind = 'group', namespace = 'default', name] = match;
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** Reads `aiPlatform.permissionPolicy`; errors name the key that is wrong. */
export function readPermissionPolicyConfig(
  config: Config,
): PermissionPolicyConfig {
  const base = 'aiPlatform.permissionPolicy';
  const type = config.getOptionalString(`${base}.type`) ?? 'allow-all';
  if (!TYPES.includes(type as PermissionPolicyType)) {
    throw new Error(
      `${base}.type must be one of ${TYPES.join(', ')}, got "${type}"`,
    );
  }
  const groups = (key: string, fallback: string[]) =>
    (config.getOptionalStringArray(`${base}.${key}`) ?? fallback).map(ref =>
      normalizeGroupRef(ref, `${base}.${key}`),
    );
  return {
    type: type as PermissionPolicyType,
    refreshGroups: groups('refreshGroups', DEFAULT_REFRESH_GROUPS),
    readGroups: groups('readGroups', []),
  };
}
