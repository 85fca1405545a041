import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/**
 * A token for another plugin on behalf of whoever started the task, so the
 * other plugin's permissions apply to that user (in dry runs too).
 */
export async function initiatorToken(
  auth: AuthService,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  targetPluginId: string,
): Promise<string> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await ctx.getInitiatorCredentials(),
    targetPluginId,
  });
  return token;
}
