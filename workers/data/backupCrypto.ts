// Passphrase-protected backups (WebCrypto only): the ordinary backup file, encrypted with
// AES-256-GCM under a key derived from the passphrase by PBKDF2-SHA-256 (600,000
// iterations, OWASP's 2023 figure), a random salt and IV per file. The result is a small
// JSON envelope, so a protected backup is still recognisable as a Jarvis file.
import { BackupError } from './backupError.ts';
import { fromBase64, toBase64 } from './bytes.ts';

export const ENCRYPTED_BACKUP_FORMAT = 'jarvis-backup-encrypted';
const VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
/** A file may ask for more (a newer app), but not so many that each wrong guess costs minutes. */
const MAX_ITERATIONS = 5_000_000;

interface Envelope {
  format: typeof ENCRYPTED_BACKUP_FORMAT;
  version: number;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** True when the file is a protected backup (it then needs the passphrase to import). */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
  // The envelope is small JSON that starts with its format; a plain backup starts differently.
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  return head.includes(`"format":"${ENCRYPTED_BACKUP_FORMAT}"`);
}

export async function encryptBackup(plain: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Uint8Array> {
  if (!passphrase) throw new BackupError('Choose a passphrase to protect the backup.');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain as Uint8Array<ArrayBuffer>));
  const envelope: Envelope = {
    format: ENCRYPTED_BACKUP_FORMAT,
    version: VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    ciphertext: toBase64(ciphertext),
  };
  return new TextEncoder().encode(JSON.stringify(envelope));
}

const DAMAGED = 'This protected backup is damaged. Nothing was changed.';

function parseEnvelope(bytes: Uint8Array): Envelope {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Envelope;
  } catch {
    throw new BackupError(DAMAGED);
  }
  if (envelope?.format !== ENCRYPTED_BACKUP_FORMAT) throw new BackupError(DAMAGED);
  if (typeof envelope.version !== 'number' || envelope.version > VERSION) {
    throw new BackupError('This protected backup was made by a newer version of Jarvis. Update the app to import it. Nothing was changed.');
  }
  const { kdf, cipher } = envelope;
  const iterationsOk = Number.isInteger(kdf?.iterations) && kdf.iterations >= 1 && kdf.iterations <= MAX_ITERATIONS;
  if (!iterationsOk || kdf.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || typeof kdf.salt !== 'string') throw new BackupError(DAMAGED);
  if (cipher?.name !== 'AES-GCM' || typeof cipher.iv !== 'string' || typeof envelope.ciphertext !== 'string') throw new BackupError(DAMAGED);
  return envelope;
}

/** The plain backup inside; a wrong passphrase and a damaged file both fail authentication. */
export async function decryptBackup(bytes: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const envelope = parseEnvelope(bytes);
  if (!passphrase) throw new BackupError('This backup is protected: enter its passphrase to import it. Nothing was changed.');
  let salt: Uint8Array;
  let iv: Uint8Array;
  let ciphertext: Uint8Array;
  try {
    salt = fromBase64(envelope.kdf.salt);
    iv = fromBase64(envelope.cipher.iv);
    ciphertext = fromBase64(envelope.ciphertext);
  } catch {
    throw new BackupError(DAMAGED);
  }
  if (iv.length !== 12 || salt.length < 8) throw new BackupError(DAMAGED);
  const key = await deriveKey(passphrase, salt, envelope.kdf.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, key, ciphertext as Uint8Array<ArrayBuffer>));
  } catch {
    throw new BackupError('The passphrase is wrong, or the protected backup is damaged. Nothing was changed.');
  }
}
