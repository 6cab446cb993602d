/**
 * A throw-away self-signed certificate for the lab's https pair, made at start with the openssl
 * CLI (Debian's openssl package) and never written anywhere but a private temp dir, removed at once.
 * Browsers must be told to accept it: Chromium in tests runs with --ignore-certificate-errors;
 * people click through the warning once per https origin.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

export function makeSelfSignedCertificate(): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lab-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
      '-subj', '/CN=CORS lab (localhost)', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 15_000 });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing
      ? 'The CORS lab needs the openssl command for its https origins: apt-get install -y openssl'
      : `openssl could not make the lab's certificate: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
