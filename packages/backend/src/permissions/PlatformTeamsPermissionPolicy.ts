import {
  BackstageCredentials,
  BackstageUserInfo,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  aiPlatformClusterReadPermission,
  aiPlatformClusterRefreshPermission,
  aiPlatformInventoryReadPermission,
  aiPlatformScorecardReadPermission,
} from '@ai-platform/plugin-ai-platform-common';

const READ_PERMISSIONS = new Set([
  aiPlatformClusterReadPermission.name,
  aiPlatformInventoryReadPermission.name,
  aiPlatformScorecardReadPermission.name,
]);

export interface PlatformTeamsPolicyOptions {
  /** Members of these groups may refresh clusters (and always read). */
  refreshGroups: string[];
  /** Members of these groups may read; empty means every signed-in user. */
  readGroups: string[];
  /** Where the user's group memberships come from (the userInfo service). */
  userInfo: {
    getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo>;
  };
  logger: LoggerService;
}

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * An example policy for the AI Platform: every signed-in user reads clusters,
 * GPU inventory and scorecards (or only members of `readGroups`); only
 * members of `refreshGroups` may trigger a collection. Other plugins'
 * permissions are allowed, as with the allow-all policy; add your rules for
 * them here.
 *
 * Service principals never reach a policy: the permission framework allows
 * them, limited only by `backend.auth.externalAccess[].accessRestrictions`.
 * External MCP clients (the `mcp-clients` static token) stay read-only
 * because every AI Platform MCP tool is read-only, production serves only
 * read-only actions (`backend.actions.filter`), and the refresh endpoint
 * accepts no external callers.
 */
export class PlatformTeamsPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: PlatformTeamsPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (name === aiPlatformClusterRefreshPermission.name) {
      return (await this.isMember(user, this.options.refreshGroups))
        ? allow
        : deny;
    }
    if (READ_PERMISSIONS.has(name)) {
      if (this.options.readGroups.length === 0) return allow;
      return (await this.isMember(user, [
        ...this.options.readGroups,
        ...this.options.refreshGroups,
      ]))
        ? allow
        : deny;
    }
    return allow;
  }

  private async isMember(
    user: PolicyQueryUser | undefined,
    groups: string[],
  ): Promise<boolean> {
    if (!user || groups.length === 0) return false;
    let ownership: string[];
    try {
      ({ ownershipEntityRefs: ownership } =
        await this.options.userInfo.getUserInfo(user.credentials));
    } catch (error) {
      // Without the user's groups nothing group-based can be allowed.
      this.options.logger.warn(
        `Could not read the group memberships of a user: ${
          (error as Error).message
        }`,
      );
      return false;
    }
    const refs = new Set(ownership.map(r => r.toLocaleLowerCase('en-US')));
    return groups.some(group => refs.has(group));
  }
}
