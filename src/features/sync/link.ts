// The sync link (SPEC §3): `<app origin>/#/join/v1/<secret>.<check>`.
//
//   secret  32 random bytes (crypto.getRandomValues), 43 chars of canonical base64url, no padding.
//   check   the first 6 chars of base64url(SHA-256(B)), where B is the 11 UTF-8 bytes of the
//           ASCII label "jarvis-link" immediately followed by the 32 raw secret bytes (43 bytes,
//           no separator, no length prefix, NOT the base64url text of the secret). 6 chars =
//           the first 36 bits of the digest.
//
// A link whose version is newer than v1 is refused as 'version'; one whose secret/check part
// has the wrong length, a character outside base64url, a non-canonical last secret character,
// or a check that does not match is 'damaged' — refused at once, before any network traffic,
// so a mistyped link changes nothing locally.
//
// The secret lives only in the URL fragment. Browsers never send the fragment in HTTP
// requests, and the page never sends `location.hash` (or the parsed secret) anywhere: not to
// the signaling server (which only ever sees the one-way room id from envelope.ts), not in
// logs, analytics or error reports. After reading a join fragment the router should drop it
// from the address bar/history (history.replaceState) once the user has confirmed or cancelled.

import { decodeBase64url, encodeBase64url } from './base64url.ts';

export const SECRET_BYTES = 32;
export const LINK_VERSION = 1;
export const CHECK_LENGTH = 6;
const CHECK_LABEL = 'jarvis-link';

export type LinkRefusal = 'not-a-link' | 'version' | 'damaged';

export type ParsedLink =
  | { ok: true; secret: Uint8Array<ArrayBuffer> }
  | { ok: false; reason: LinkRefusal; message: string };

/** Plain-words messages shown to the user for each refusal. */
export const LINK_MESSAGES: Record<LinkRefusal, string> = {
  'not-a-link': 'This is not a Jarvis sync link.',
  version: 'This link is from a newer version of Jarvis; update the app.',
  damaged: 'This sync link is damaged (a character is wrong or missing). Ask for a new one.',
};

const BODY_PATTERN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{6})$/;
const JOIN_PREFIX = /^#?\/join(?:\/|$)/;

function refuse(reason: LinkRefusal): ParsedLink {
  return { ok: false, reason, message: LINK_MESSAGES[reason] };
}

/** A fresh sync-space secret: 32 bytes from the platform CSPRNG. */
export function createSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** The 6-char check: base64url(SHA-256(UTF-8 "jarvis-link" ‖ raw secret bytes)).slice(0, 6). */
export async function checkOf(secret: Uint8Array): Promise<string> {
  const label = new TextEncoder().encode(CHECK_LABEL);
  const input = new Uint8Array(label.length + secret.length);
  input.set(label, 0);
  input.set(secret, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return encodeBase64url(digest).slice(0, CHECK_LENGTH);
}

/** `${origin}/#/join/v1/${secret}.${check}`; a trailing slash on `origin` is not doubled. */
export async function encodeLink(origin: string, secret: Uint8Array): Promise<string> {
  if (secret.length !== SECRET_BYTES) throw new RangeError(`a sync secret is ${SECRET_BYTES} bytes, got ${secret.length}`);
  const base = origin.replace(/\/+$/, '');
  return `${base}/#/join/v${LINK_VERSION}/${encodeBase64url(secret)}.${await checkOf(secret)}`;
}

/** True when `hash` (with or without its leading '#') is a join route, sound or not. */
export function isJoinFragment(hash: string): boolean {
  return JOIN_PREFIX.test(hash);
}

/** The fragment ('#/join/…') of a pasted link or bare fragment, or null if there is none. */
function fragmentOf(text: string): string | null {
  if (text.startsWith('#')) return text;
  if (text.startsWith('/#')) return text.slice(1);
  try {
    const url = new URL(text);
    if (url.hash) return url.hash;
  } catch {
    // Not an absolute URL; e.g. "192.168.1.5:5173/#/join/…" typed without a scheme.
  }
  if (!/\s/.test(text)) {
    const at = text.indexOf('#/join');
    if (at >= 0) return text.slice(at);
  }
  return null;
}

/**
 * Reads a pasted sync link: a full URL of any origin (the link may have been made on another
 * device's address) or just the fragment '#/join/v1/…'. Surrounding whitespace and trailing
 * newlines are ignored. Never throws.
 */
export async function parseLink(text: string): Promise<ParsedLink> {
  if (typeof text !== 'string') return refuse('not-a-link');
  const fragment = fragmentOf(text.trim());
  if (fragment === null || !JOIN_PREFIX.test(fragment)) return refuse('not-a-link');
  const rest = fragment.replace(JOIN_PREFIX, '');
  const version = /^v(\d{1,9})(?:\/|$)/.exec(rest);
  if (!version) return refuse('damaged');
  const v = Number(version[1]);
  if (v > LINK_VERSION) return refuse('version');
  if (v !== LINK_VERSION || version[1] !== String(LINK_VERSION)) return refuse('damaged');
  const body = BODY_PATTERN.exec(rest.slice(version[0].length));
  if (!body) return refuse('damaged');
  const secret = decodeBase64url(body[1], SECRET_BYTES);
  if (!secret) return refuse('damaged');
  if ((await checkOf(secret)) !== body[2]) return refuse('damaged');
  return { ok: true, secret };
}

/**
 * For the router: `location.hash` → null when it is not a join route at all (route it
 * elsewhere), otherwise the same result as parseLink (a sound secret or a refusal to show).
 */
export async function secretFromFragment(hash: string): Promise<ParsedLink | null> {
  if (!isJoinFragment(hash)) return null;
  return parseLink(hash.startsWith('#') ? hash : `#${hash}`);
}
