import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

export interface CertificateOptions {
  /** Where cert.pem and key.pem are cached (the repository's .cert/ by default). */
  dir: string;
  /** IP addresses the certificate must name; default: 127.0.0.1 and this machine's LAN IPv4s. */
  ips?: string[];
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALID_DAYS = 365; // Apple refuses server certificates valid for more than 398 days.
const RENEW_DAYS_BEFORE_EXPIRY = 7; // so a long-running server does not cross the expiry

/** The non-internal IPv4 addresses of this machine: what a phone on the LAN would dial. */
export function lanIPv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

/** The cached certificate when it still fits, else a newly generated (and cached) one. */
export async function loadOrCreateCertificate(options: CertificateOptions): Promise<Certificate & { created: boolean }> {
  const ips = options.ips ?? ['127.0.0.1', ...lanIPv4Addresses()];
  const now = options.now ?? new Date();
  const certPath = join(options.dir, 'cert.pem');
  const keyPath = join(options.dir, 'key.pem');

  const cached = await readCertificate(certPath, keyPath);
  if (cached && isUsable(cached, ips, now)) return { ...cached, created: false };

  const fresh = await generateCertificate(ips, now);
  await mkdir(options.dir, { recursive: true });
  await writeFile(keyPath, fresh.key, { mode: 0o600 });
  await writeFile(certPath, fresh.cert);
  return { ...fresh, created: true };
}

async function readCertificate(certPath: string, keyPath: string): Promise<Certificate | null> {
  try {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } catch {
    return null;
  }
}

/** Parses, belongs to the key, names localhost and every IP, and is not (nearly) expired. */
function isUsable({ cert, key }: Certificate, ips: string[], now: Date): boolean {
  try {
    const x509 = new X509Certificate(cert);
    const renewAt = Date.parse(x509.validTo) - RENEW_DAYS_BEFORE_EXPIRY * DAY_MS;
    return (
      x509.checkPrivateKey(createPrivateKey(key)) &&
      x509.checkHost('localhost') !== undefined &&
      ips.every((ip) => x509.checkIP(ip) !== undefined) &&
      Date.parse(x509.validFrom) <= now.getTime() &&
      now.getTime() < renewAt
    );
  } catch {
    return false; // unreadable files: generate anew
  }
}

async function generateCertificate(ips: string[], now: Date): Promise<Certificate> {
  const altNames = [
    { type: 2 as const, value: 'localhost' },
    ...[...new Set(ips)].map((ip) => ({ type: 7 as const, ip })),
  ];
  const pems = await generate([{ name: 'commonName', value: 'Jarvis (local)' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), // tolerate a phone whose clock is a little behind
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
