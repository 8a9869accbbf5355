import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { StartupError } from '../db/open.ts';

export interface TlsMaterial {
  cert: string;
  key: string;
  source: 'files' | 'self-signed';
  validTo: Date;
}

// At most 397 days: browsers and scanners (testssl.sh) flag longer-lived certificates.
const SELF_SIGNED_DAYS = 397;
const RENEW_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

/** The certificate from HEARTH_TLS_*_FILE, or a self-signed one for localhost made on demand. */
export async function loadTlsMaterial(
  options: { certFile?: string | undefined; keyFile?: string | undefined; dataDir: string },
  now = new Date(),
): Promise<TlsMaterial> {
  if (options.certFile && options.keyFile) {
    const cert = readPem(options.certFile, 'HEARTH_TLS_CERT_FILE');
    const key = readPem(options.keyFile, 'HEARTH_TLS_KEY_FILE');
    const validTo = checkPair(cert, key, 'HEARTH_TLS_CERT_FILE and HEARTH_TLS_KEY_FILE');
    if (validTo.getTime() < now.getTime()) {
      throw new StartupError(
        `the certificate in HEARTH_TLS_CERT_FILE expired on ${validTo.toISOString()}`,
      );
    }
    return { cert, key, source: 'files', validTo };
  }
  return selfSigned(options.dataDir, now);
}

async function selfSigned(dataDir: string, now: Date): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'localhost.crt');
  const keyPath = join(dir, 'localhost.key');
  try {
    const cert = readFileSync(certPath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    const validTo = checkPair(cert, key, certPath);
    if (validTo.getTime() - now.getTime() > RENEW_WITHIN_DAYS * DAY_MS) {
      return { cert, key, source: 'self-signed', validTo };
    }
  } catch {
    // Missing, unreadable, mismatched or near expiry: make a new one below.
  }
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + SELF_SIGNED_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert, { mode: 0o644 });
  } catch (err) {
    throw new StartupError(
      `cannot write the self-signed certificate to ${dir}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const validTo = new Date(new X509Certificate(pems.cert).validTo);
  return { cert: pems.cert, key: pems.private, source: 'self-signed', validTo };
}

function readPem(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new StartupError(`cannot read ${variable} (${path}): ${why ?? 'unreadable'}`);
  }
}

function checkPair(cert: string, key: string, what: string): Date {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new StartupError(`${what}: the certificate is not a PEM X.509 certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new StartupError(`${what}: the key is not a PEM private key (or it is encrypted)`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new StartupError(`${what}: the private key does not belong to the certificate`);
  }
  return new Date(x509.validTo);
}
