import { completeVersion, parseMinor } from './version';

describe('version handling', () => {
  it.each([
    [{ minor: '34' }, 34],
    [{ minor: '34+' }, 34],
    [{ minor: '', gitVersion: 'v1.33.5-eks-3025e55' }, 33],
    [{ gitVersion: 'v1.31.0-gke.1' }, 31],
    [{}, 34],
  ])('parseMinor(%j) = %d', (input, minor) => {
    expect(parseMinor(input)).toBe(minor);
  });

  it('completes /version from gitVersion and defaults the rest', () => {
    expect(completeVersion({ gitVersion: 'v1.32.9' })).toEqual({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.9',
      gitCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
      gitTreeState: 'clean',
      buildDate: expect.any(String),
      goVersion: 'go1.23.8',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
    expect(
      completeVersion({
        major: '1',
        minor: '35+',
        gitVersion: 'v1.35.1-gke.2',
        platform: 'linux/arm64',
      }),
    ).toMatchObject({
      minor: '35+',
      goVersion: 'go1.25.3',
      platform: 'linux/arm64',
    });
    expect(completeVersion(undefined).gitVersion).toBe('v1.34.2');
  });
});
