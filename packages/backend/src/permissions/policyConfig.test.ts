import { ConfigReader } from '@backstage/config';
import { normalizeGroupRef, readPermissionPolicyConfig } from './policyConfig';

describe('readPermissionPolicyConfig', () => {
  it('defaults to allow-all, with platform-engineering as the refresh group', () => {
    expect(readPermissionPolicyConfig(new ConfigReader({}))).toEqual({
      type: 'allow-all',
      refreshGroups: ['group:default/platform-engineering'],
      readGroups: [],
    });
  });

  it('reads the platform-teams policy and normalizes group refs', () => {
    expect(
      readPermissionPolicyConfig(
        new ConfigReader({
          aiPlatform: {
            permissionPolicy: {
              type: 'platform-teams',
              refreshGroups: ['SRE', 'group:ops/Platform'],
              readGroups: ['default/applied-ai'],
            },
          },
        }),
      ),
    ).toEqual({
      type: 'platform-teams',
      refreshGroups: ['group:default/sre', 'group:ops/platform'],
      readGroups: ['group:default/applied-ai'],
    });
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readPermissionPolicyConfig(
        new ConfigReader({
          aiPlatform: { permissionPolicy: { type: 'rbac' } },
        }),
      ),
    ).toThrow(
      'aiPlatform.permissionPolicy.type must be one of allow-all, platform-teams, got "rbac"',
    );
    expect(() => normalizeGroupRef('a:b/c/d', 'k.refreshGroups')).toThrow(
      /^k.refreshGroups: "a:b\/c\/d" is not an entity ref/,
    );
  });
});
