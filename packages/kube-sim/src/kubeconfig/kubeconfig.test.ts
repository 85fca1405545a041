import { parse } from 'yaml';
import { buildKubeconfig } from './kubeconfig';

describe('buildKubeconfig', () => {
  it('uses CA data for https and skips verification for http', () => {
    const kc = parse(
      buildKubeconfig([
        { name: 'a', url: 'https://127.0.0.1:1', token: 'ta', caData: 'Q0E=' },
        { name: 'b', url: 'http://127.0.0.1:2', token: 'tb' },
      ]),
    );
    expect(kc).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'a',
    });
    expect(kc.clusters[0].cluster).toEqual({
      server: 'https://127.0.0.1:1',
      'certificate-authority-data': 'Q0E=',
    });
    expect(kc.clusters[1].cluster).toEqual({
      server: 'http://127.0.0.1:2',
      'insecure-skip-tls-verify': true,
    });
    expect(kc.users.map((u: any) => u.user.token)).toEqual(['ta', 'tb']);
  });
});
