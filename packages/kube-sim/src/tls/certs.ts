/**
 * A throwaway CA and a server certificate for the simulated API servers.
 * Key pairs come from Node's native crypto (fast); node-forge only builds and signs the X.509
 * certificates. Generated once per process and host list, then reused.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface TlsMaterial {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

function rsaKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privatePem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

function serial(): string {
  // Positive serial number: first hex digit below 8.
  const hex = randomBytes(16).toString('hex');
  return `0${hex.slice(1)}`;
}

/** Generates a CA and a server certificate valid for localhost, 127.0.0.1, ::1 and `extraHosts`. */
export function generateTlsMaterial(extraHosts: string[] = []): TlsMaterial {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);

  const ca = rsaKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = notAfter;
  const caSubject = [{ name: 'commonName', value: 'kube-sim-ca' }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = server.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caSubject);
  const hosts = new Set(['localhost', '127.0.0.1', '::1', ...extraHosts]);
  const altNames = [...hosts]
    .filter(h => h && h !== '0.0.0.0' && h !== '::')
    .map(h => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(caCert),
    serverCert: forge.pki.certificateToPem(cert),
    serverKey: server.privatePem,
  };
}

const cache = new Map<string, TlsMaterial>();

/** Cached per process: one CA and server certificate for every simulator started with these hosts. */
export function getTlsMaterial(extraHosts: string[] = []): TlsMaterial {
  const key = [...extraHosts].sort().join(',');
  let material = cache.get(key);
  if (!material) {
    material = generateTlsMaterial(extraHosts);
    cache.set(key, material);
  }
  return material;
}
