// base64url (RFC 4648 §5) without padding, for secrets, room ids, peer ids and sealed
// signaling payloads. No Buffer / node:* so it runs the same in the page, workers and Node.
//
// Decoding is strict and canonical: only A-Z a-z 0-9 - _, no padding, no whitespace, a
// length that a whole number of bytes encodes to (never length % 4 == 1), and the unused
// low bits of the last character must be zero. So every byte string has exactly one
// accepted spelling — a link whose last secret character was changed in only its unused
// bits is refused rather than silently read as the same secret.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Bytes → base64url, no padding. n bytes give ceil(4n/3) characters (32 → 43, 16 → 22). */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Number of characters `byteLength` bytes encode to. */
export function base64urlLength(byteLength: number): number {
  return Math.ceil((byteLength * 4) / 3);
}

/**
 * Strict, canonical base64url → bytes; null for anything else (bad character, padding,
 * impossible length, non-zero unused bits, or not `expectedBytes` long when that is given).
 */
export function decodeBase64url(text: string, expectedBytes?: number): Uint8Array<ArrayBuffer> | null {
  if (expectedBytes !== undefined && text.length !== base64urlLength(expectedBytes)) return null;
  const tail = text.length % 4;
  if (tail === 1) return null;
  const byteLength = Math.floor(text.length / 4) * 3 + (tail === 0 ? 0 : tail - 1);
  const out = new Uint8Array(byteLength);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Left-over bits (2 or 4) must be zero for the spelling to be the canonical one.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** True when `text` is the canonical base64url spelling of exactly `bytes` bytes. */
export function isBase64url(text: string, bytes: number): boolean {
  return decodeBase64url(text, bytes) !== null;
}
