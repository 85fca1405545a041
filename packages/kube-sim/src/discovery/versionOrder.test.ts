import { compareKubeVersions, sortKubeVersions } from './versionOrder';

describe('Kubernetes version ordering', () => {
  it('orders GA > beta > alpha, higher first, non-Kubernetes versions last', () => {
    expect(
      sortKubeVersions([
        'v1alpha1',
        'v1beta1',
        'foo',
        'v1',
        'v2beta1',
        'v1beta2',
        'v2',
        'bar',
        'v11alpha2',
      ]),
    ).toEqual([
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v1beta1',
      'v11alpha2',
      'v1alpha1',
      'bar',
      'foo',
    ]);
  });

  it('compares pairs', () => {
    expect(compareKubeVersions('v1', 'v1beta2')).toBeLessThan(0);
    expect(compareKubeVersions('v1beta1', 'v1beta2')).toBeGreaterThan(0);
    expect(compareKubeVersions('v10', 'v2')).toBeLessThan(0);
    expect(compareKubeVersions('v1', 'v1')).toBe(0);
  });
});
