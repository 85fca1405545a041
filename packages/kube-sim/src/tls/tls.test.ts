import { X509Certificate } from 'node:crypto';
import { parse } from 'yaml';
import { startKubeSim } from '../sim';
import { request } from '../testing/httpClient';
import { generateTlsMaterial } from './certs';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

describe('TLS', () => {
  it('serves HTTPS that a client trusting the generated CA accepts', async () => {
    const sim = await startKubeSim({ clusters: [{ name: 'tls' }], tls: true });
    try {
      const c = sim.cluster('tls');
      expect(c.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = Buffer.from(c.caData!, 'base64').toString('utf8');
      const ok = await request(`${c.url}/api/v1/namespaces`, {
        token: c.token,
        ca,
      });
      expect(ok.status).toBe(200);
      // Without the CA the certificate is not trusted.
      await expect(request(`${c.url}/version`)).rejects.toThrow(
        /self[- ]signed|unable to verify|certificate/i,
      );
      // localhost is in the certificate too.
      const local = c.url.replace('127.0.0.1', 'localhost');
      expect((await request(`${local}/version`, { ca })).status).toBe(200);
      const kc = parse(sim.kubeconfig());
      expect(kc.clusters[0].cluster['certificate-authority-data']).toBe(
        c.caData,
      );
      expect(
        kc.clusters[0].cluster['insecure-skip-tls-verify'],
      ).toBeUndefined();
    } finally {
      await sim.stop();
    }
  });

  it('generates a CA and a server certificate for localhost and loopback addresses', () => {
    const m = generateTlsMaterial(['sim.example.test']);
    const ca = new X509Certificate(m.caCert);
    const cert = new X509Certificate(m.serverCert);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('sim.example.test')).toBe('sim.example.test');
    expect(cert.checkHost('other.example.test')).toBeUndefined();
  });
});
