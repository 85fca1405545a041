import { parseRequestPath } from './requestInfo';

describe('parseRequestPath', () => {
  it.each([
    ['/version', { type: 'version' }],
    ['/healthz', { type: 'health', endpoint: 'healthz' }],
    ['/readyz/ping', { type: 'health', endpoint: 'readyz/ping' }],
    ['/api', { type: 'api' }],
    ['/apis', { type: 'apis' }],
    ['/apis/apps', { type: 'group', group: 'apps' }],
    ['/api/v1', { type: 'groupVersion', group: '', version: 'v1' }],
    ['/apis/apps/v1/', { type: 'groupVersion', group: 'apps', version: 'v1' }],
    ['/openapi/v2', { type: 'openapi' }],
    [
      '/api/v1/pods',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        plural: 'pods',
        legacyWatch: false,
      },
    ],
    [
      '/api/v1/namespaces/ns/pods/p/status',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        namespace: 'ns',
        plural: 'pods',
        name: 'p',
        subresource: 'status',
        legacyWatch: false,
      },
    ],
    [
      '/api/v1/namespaces',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        plural: 'namespaces',
        legacyWatch: false,
      },
    ],
    [
      '/api/v1/namespaces/ns',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        plural: 'namespaces',
        name: 'ns',
        legacyWatch: false,
      },
    ],
    [
      '/api/v1/namespaces/ns/status',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        plural: 'namespaces',
        name: 'ns',
        subresource: 'status',
        legacyWatch: false,
      },
    ],
    [
      '/apis/resource.k8s.io/v1/resourceslices/s1',
      {
        type: 'resource',
        group: 'resource.k8s.io',
        version: 'v1',
        plural: 'resourceslices',
        name: 's1',
        legacyWatch: false,
      },
    ],
    [
      '/api/v1/watch/namespaces/ns/pods',
      {
        type: 'resource',
        group: '',
        version: 'v1',
        namespace: 'ns',
        plural: 'pods',
        legacyWatch: true,
      },
    ],
    ['/api/v1/namespaces/ns/pods/p/status/extra', { type: 'unknown' }],
    ['/', { type: 'unknown' }],
    ['/metrics', { type: 'unknown' }],
    ['/api/v1/pods/%E0%A4%A', { type: 'unknown' }],
  ])('%s', (path, expected) => {
    const info = parseRequestPath(path) as Record<string, unknown>;
    for (const k of Object.keys(info))
      if (info[k] === undefined) delete info[k];
    expect(info).toEqual(expected);
  });
});
