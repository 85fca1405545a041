import {
  checkCatalogClusterUrl,
  isHostAllowListed,
  isPublicAddress,
  UrlNotAllowedError,
} from './urlGuard';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.10', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::10.0.0.1', false],
    ['8.8.8.8', true],
    ['172.32.0.1', true],
    ['100.128.0.1', true],
    ['2606:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('isHostAllowListed', () => {
  it('matches exact hosts and subdomains of *.suffix entries', () => {
    const allowed = ['kube.internal.example.com', '*.clusters.example.com'];
    expect(isHostAllowListed('kube.internal.example.com', allowed)).toBe(true);
    expect(isHostAllowListed('KUBE.internal.example.com.', allowed)).toBe(true);
    expect(isHostAllowListed('prod.clusters.example.com', allowed)).toBe(true);
    expect(isHostAllowListed('clusters.example.com', allowed)).toBe(false);
    expect(isHostAllowListed('evilclusters.example.com', allowed)).toBe(false);
    expect(isHostAllowListed('other.example.com', allowed)).toBe(false);
  });
});

describe('checkCatalogClusterUrl', () => {
  const resolve = (map: Record<string, string[]>) => async (host: string) =>
    map[host] ?? [];

  it('accepts HTTPS to a public address', async () => {
    await expect(
      checkCatalogClusterUrl('https://api.prod.example.com:6443', {
        allowedHosts: [],
        resolve: resolve({ 'api.prod.example.com': ['34.1.2.3'] }),
      }),
    ).resolves.toEqual({ allowListed: false });
  });

  it('refuses names resolving to internal addresses, the metadata endpoint and literal private IPs', async () => {
    const options = {
      allowedHosts: [],
      resolve: resolve({ 'sneaky.example.com': ['34.1.2.3', '10.0.0.5'] }),
    };
    await expect(
      checkCatalogClusterUrl('https://sneaky.example.com', options),
    ).rejects.toThrow(/resolves to 10\.0\.0\.5/);
    await expect(
      checkCatalogClusterUrl('https://169.254.169.254/latest', options),
    ).rejects.toThrow(UrlNotAllowedError);
    await expect(
      checkCatalogClusterUrl('https://[fd12::1]:6443', options),
    ).rejects.toThrow(/internal address/);
  });

  it('refuses plain HTTP, credentials in the URL and garbage', async () => {
    const options = { allowedHosts: [], resolve: resolve({}) };
    await expect(
      checkCatalogClusterUrl('http://api.example.com', options),
    ).rejects.toThrow(/only https URLs/);
    await expect(
      checkCatalogClusterUrl('https://user:pw@api.example.com', options),
    ).rejects.toThrow(/credentials/);
    await expect(
      checkCatalogClusterUrl('file:///etc/passwd', options),
    ).rejects.toThrow(/not supported/);
    await expect(checkCatalogClusterUrl('::::', options)).rejects.toThrow(
      /not a valid URL/,
    );
  });

  it('lets allow-listed hosts through, even internal and plain HTTP', async () => {
    await expect(
      checkCatalogClusterUrl('http://kube.lab.internal:8080', {
        allowedHosts: ['*.lab.internal'],
        resolve: resolve({}),
      }),
    ).resolves.toEqual({ allowListed: true });
  });
});
