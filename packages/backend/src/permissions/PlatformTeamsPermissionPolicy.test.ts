import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  aiPlatformClusterReadPermission,
  aiPlatformClusterRefreshPermission,
  aiPlatformInventoryReadPermission,
  aiPlatformScorecardReadPermission,
} from '@ai-platform/plugin-ai-platform-common';
import { PlatformTeamsPermissionPolicy } from './PlatformTeamsPermissionPolicy';

const groups: Record<string, string[]> = {
  'user:default/pat': [
    'user:default/pat',
    'group:default/platform-engineering',
  ],
  'user:default/ana': ['user:default/ana', 'group:default/applied-ai'],
  'user:default/rex': ['user:default/rex', 'group:default/research'],
};

function userFor(ref: string): PolicyQueryUser {
  const credentials = mockCredentials.user(ref);
  return {
    credentials,
    info: { userEntityRef: ref, ownershipEntityRefs: [] },
  } as PolicyQueryUser;
}

function policy(readGroups: string[] = []) {
  return new PlatformTeamsPermissionPolicy({
    refreshGroups: ['group:default/platform-engineering'],
    readGroups,
    logger: mockServices.logger.mock(),
    userInfo: {
      async getUserInfo(credentials: BackstageCredentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        if (!groups[ref]) throw new Error(`unknown user ${ref}`);
        // Ownership refs as the catalog writes them may be mixed case.
        return {
          userEntityRef: ref,
          ownershipEntityRefs: groups[ref].map(g => g.toUpperCase()),
        };
      },
    },
  });
}

const READS = [
  aiPlatformClusterReadPermission,
  aiPlatformInventoryReadPermission,
  aiPlatformScorecardReadPermission,
];

describe('PlatformTeamsPermissionPolicy', () => {
  it('lets every signed-in user read', async () => {
    for (const permission of READS) {
      for (const ref of Object.keys(groups)) {
        expect(await policy().handle({ permission }, userFor(ref))).toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    }
  });

  it('lets only platform engineers refresh', async () => {
    const permission = aiPlatformClusterRefreshPermission;
    expect(
      await policy().handle({ permission }, userFor('user:default/pat')),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy().handle({ permission }, userFor('user:default/ana')),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy().handle({ permission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('restricts reading to readGroups and the refresh groups when configured', async () => {
    const restricted = policy(['group:default/applied-ai']);
    const decide = async (ref: string) =>
      (
        await restricted.handle(
          { permission: aiPlatformInventoryReadPermission },
          userFor(ref),
        )
      ).result;
    expect(await decide('user:default/ana')).toBe(AuthorizeResult.ALLOW);
    expect(await decide('user:default/pat')).toBe(AuthorizeResult.ALLOW);
    expect(await decide('user:default/rex')).toBe(AuthorizeResult.DENY);
  });

  it('denies group-based permissions when the groups cannot be read', async () => {
    expect(
      await policy().handle(
        { permission: aiPlatformClusterRefreshPermission },
        userFor('user:default/unknown'),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it("leaves other plugins' permissions allowed", async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(
      await policy(['group:default/applied-ai']).handle(
        { permission: other },
        userFor('user:default/rex'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
