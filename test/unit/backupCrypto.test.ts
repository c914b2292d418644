// Passphrase-protected backups: a round trip through two devices, and every way a protected
// file can be wrong (passphrase, damage, newer format) refused with a clear message and no
// change to the target device.
import { describe, expect, it } from 'vitest';
import { decryptBackup, encryptBackup, ENCRYPTED_BACKUP_FORMAT, isEncryptedBackup } from '../../workers/data/backupCrypto.ts';
import { devicesClosedAfterEach } from './helpers.ts';

const device = devicesClosedAfterEach();
// Fewer iterations than the app's 600,000 keep the unit tests quick; the app's default is tested once.
const FAST = 1_000;

describe('protected backups', () => {
  it('round-trip through the data service, and the file holds no note text', async () => {
    const source = await device();
    await source.service.createNote({ title: 'Bank', body: 'the PIN is 8642' });
    const file = await source.service.exportBackup({ passphrase: 'correct horse battery staple' });
    expect(isEncryptedBackup(file)).toBe(true);
    const text = new TextDecoder().decode(file);
    expect(text).not.toContain('8642');
    expect(text).not.toContain('Bank');
    expect(JSON.parse(text)).toMatchObject({ format: ENCRYPTED_BACKUP_FORMAT, kdf: { name: 'PBKDF2', iterations: 600_000 } });

    const target = await device();
    await expect(target.service.importBackup(file)).rejects.toThrow('This backup is protected: enter its passphrase to import it. Nothing was changed.');
    await expect(target.service.importBackup(file, { passphrase: 'wrong' })).rejects.toThrow(
      'The passphrase is wrong, or the protected backup is damaged. Nothing was changed.',
    );
    expect((await target.service.listNotes({})).total).toBe(0);
    expect(await target.service.importBackup(file, { passphrase: 'correct horse battery staple' })).toEqual({ added: 1, merged: 0 });
    const [note] = (await target.service.listNotes({})).notes;
    expect(note?.title).toBe('Bank');
  });

  it('a plain backup is not mistaken for a protected one', async () => {
    const source = await device();
    await source.service.createNote({ title: 'x' });
    expect(isEncryptedBackup(await source.service.exportBackup())).toBe(false);
  });

  it('salt and IV are fresh per file', async () => {
    const plain = new TextEncoder().encode('same content');
    const [a, b] = await Promise.all([encryptBackup(plain, 'p', FAST), encryptBackup(plain, 'p', FAST)]);
    const [ea, eb] = [a, b].map((f) => JSON.parse(new TextDecoder().decode(f)));
    expect(ea.kdf.salt).not.toBe(eb.kdf.salt);
    expect(ea.cipher.iv).not.toBe(eb.cipher.iv);
    expect(ea.ciphertext).not.toBe(eb.ciphertext);
  });

  it('refuses damaged envelopes with a clear message', async () => {
    const good = JSON.parse(new TextDecoder().decode(await encryptBackup(new TextEncoder().encode('{"x":1}'), 'p', FAST)));
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const cases: [string, unknown][] = [
      ['ciphertext changed', { ...good, ciphertext: flip(good.ciphertext) }],
      ['iv changed', { ...good, cipher: { ...good.cipher, iv: flip(good.cipher.iv) } }],
      ['salt changed', { ...good, kdf: { ...good.kdf, salt: flip(good.kdf.salt) } }],
      ['iterations changed', { ...good, kdf: { ...good.kdf, iterations: FAST + 1 } }],
    ];
    for (const [label, envelope] of cases) {
      const bytes = new TextEncoder().encode(JSON.stringify(envelope));
      await expect(decryptBackup(bytes, 'p'), label).rejects.toThrow('The passphrase is wrong, or the protected backup is damaged. Nothing was changed.');
    }
    const broken: [string, string][] = [
      ['truncated', JSON.stringify(good).slice(0, 60)],
      ['iterations absurd', JSON.stringify({ ...good, kdf: { ...good.kdf, iterations: 1e12 } })],
      ['wrong cipher', JSON.stringify({ ...good, cipher: { ...good.cipher, name: 'AES-CBC' } })],
      ['not base64', JSON.stringify({ ...good, ciphertext: '%%%' })],
      ['short iv', JSON.stringify({ ...good, cipher: { ...good.cipher, iv: 'AAAA' } })],
    ];
    for (const [label, text] of broken) {
      await expect(decryptBackup(new TextEncoder().encode(text), 'p'), label).rejects.toThrow('This protected backup is damaged. Nothing was changed.');
    }
    const newer = new TextEncoder().encode(JSON.stringify({ ...good, version: 99 }));
    await expect(decryptBackup(newer, 'p')).rejects.toThrow(/newer version of Jarvis/);
  });

  it('an empty passphrase cannot protect a backup', async () => {
    await expect(encryptBackup(new Uint8Array(1), '')).rejects.toThrow('Choose a passphrase to protect the backup.');
  });
});
