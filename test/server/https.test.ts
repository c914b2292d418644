// @vitest-environment node
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { get } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateCertificate } from '../../server/https.ts';
import { START_TIMEOUT_MS, makeTempDir, spawnServer, writeFakeDist, type ServerProcess } from './helpers.ts';

const CERT_TIMEOUT_MS = 60_000; // RSA key generation on a busy machine

describe('HTTPS=1', () => {
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  let certDir: Awaited<ReturnType<typeof makeTempDir>>;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    dist = await makeTempDir('jarvis-dist-');
    certDir = await makeTempDir('jarvis-cert-');
    await writeFakeDist(dist.path);
    server = spawnServer({ JARVIS_DIST: dist.path, JARVIS_CERT_DIR: certDir.path, HTTPS: '1' });
    base = await server.ready;
  }, START_TIMEOUT_MS + CERT_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await Promise.all([dist?.remove(), certDir?.remove()]);
  }, 30_000);

  it('serves over TLS with a certificate naming localhost and 127.0.0.1', async () => {
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { status, coep, subjectAltName } = await new Promise<{ status?: number; coep?: string; subjectAltName: string }>(
      (resolve, reject) => {
        get(`${base}/notes`, { rejectUnauthorized: false }, (res) => {
          const certificate = (res.socket as TLSSocket).getPeerCertificate();
          res.resume();
          resolve({
            status: res.statusCode,
            coep: res.headers['cross-origin-embedder-policy'] as string,
            subjectAltName: certificate.subjectaltname ?? '',
          });
        }).on('error', reject);
      },
    );
    expect(status).toBe(200);
    expect(coep).toBe('require-corp');
    expect(subjectAltName).toContain('IP Address:127.0.0.1');
    expect(subjectAltName).toContain('DNS:localhost');
  });

  it('caches the certificate in the certificate directory', async () => {
    const cert = new X509Certificate(await readFile(join(certDir.path, 'cert.pem'), 'utf8'));
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('loadOrCreateCertificate', () => {
  let certDir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    certDir = await makeTempDir('jarvis-cert-');
  });
  afterAll(() => certDir?.remove());

  const DAY = 24 * 60 * 60 * 1000;

  it('reuses a fitting certificate and regenerates when an IP is missing or it expires', async () => {
    const ips = ['127.0.0.1', '192.0.2.7'];
    const first = await loadOrCreateCertificate({ dir: certDir.path, ips });
    expect(first.created).toBe(true);
    const x509 = new X509Certificate(first.cert);
    expect(x509.checkIP('192.0.2.7')).toBe('192.0.2.7');
    const lifetimeDays = (Date.parse(x509.validTo) - Date.now()) / DAY;
    expect(lifetimeDays).toBeGreaterThan(360);
    expect(lifetimeDays).toBeLessThan(398);

    const again = await loadOrCreateCertificate({ dir: certDir.path, ips });
    expect(again).toEqual({ ...first, created: false });

    const newLanIp = await loadOrCreateCertificate({ dir: certDir.path, ips: [...ips, '192.0.2.8'] });
    expect(newLanIp.created).toBe(true);
    expect(new X509Certificate(newLanIp.cert).checkIP('192.0.2.8')).toBe('192.0.2.8');

    const nextYear = await loadOrCreateCertificate({ dir: certDir.path, ips, now: new Date(Date.now() + 400 * DAY) });
    expect(nextYear.created).toBe(true);
  }, 4 * CERT_TIMEOUT_MS);
});
