import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/** Throws NotAllowedError (403) unless the caller is allowed the permission. */
export async function authorize(
  request: Request,
  permission: BasicPermission,
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
): Promise<void> {
  const credentials = await deps.httpAuth.credentials(request);
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}
