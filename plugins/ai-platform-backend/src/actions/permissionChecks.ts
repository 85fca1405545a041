import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Which of the permissions the caller has, in one round trip. Used where a
 * tool visible under one permission can add data another one guards.
 */
export async function allowedPermissions(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  wanted: BasicPermission[],
): Promise<Set<string>> {
  const decisions = await permissions.authorize(
    wanted.map(permission => ({ permission })),
    { credentials },
  );
  return new Set(
    wanted
      .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
      .map(p => p.name),
  );
}
