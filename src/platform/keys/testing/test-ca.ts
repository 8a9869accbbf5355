import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface TestPki {
  /** PEM file of the CA, as an operator would give in HEARTH_VAULT_CA_FILE. */
  caFile: string;
  /** The server's certificate and key, signed by that CA, for 127.0.0.1 and localhost. */
  server: { cert: string; key: string };
}

/** A private CA and a server certificate it signed, made now (EC P-256, SHA-256). */
export async function makeTestPki(name = 'Hearth Test CA'): Promise<TestPki> {
  const ca = await selfsigned.generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await selfsigned.generate([{ name: 'commonName', value: 'vault.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const caFile = join(mkdtempSync(join(tmpdir(), 'hearth-ca-')), 'ca.pem');
  writeFileSync(caFile, ca.cert);
  return { caFile, server: { cert: server.cert, key: server.private } };
}
