// The signaling wire format, shared by the server (server/signaling.ts) and the page's
// signaling client. JSON text frames. The server sees only a room id (a one-way derivation
// of the link secret), random peer ids and opaque encrypted payloads: it can neither read
// the SDP/ICE it relays nor join a room it was not given the id of.
//
// A session: open `SIGNALING_PATH`, send `join` first, get `joined` (the others present),
// then exchange `signal`s; `peer-joined` / `peer-left` track the room. The server stores
// nothing: after any close, reconnect (with backoff) and join again, ideally with a fresh
// peer id (the old one stays taken until the server has seen the old socket close).

export const SIGNALING_PATH = '/signal';

export const SIGNALING_LIMITS = {
  /** Largest frame the server accepts (bytes); bigger ones close the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** Devices per room; one more is refused with 'room-full'. */
  maxPeersPerRoom: 16,
  /** Token bucket per connection: sustained frames per second, and the burst allowed. */
  framesPerSecond: 20,
  frameBurst: 60,
  /**
   * Frames dropped with 'rate' before the server closes the socket (1008). The count starts
   * again once the bucket has filled up (the client paused for frameBurst / framesPerSecond s).
   */
  droppedFramesBeforeClose: 3 * 60,
  /** The 'malformed' frame that makes this many on one connection also closes it (1008). */
  malformedFramesBeforeClose: 10,
  /** A connection that sends nothing (not even a ping) for this long is closed (1001). */
  idleMs: 60_000,
} as const;

/** Room ids and peer ids: base64url, fixed lengths (32 and 16 random/derived bytes). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Unknown extra fields are ignored; a missing or mistyped field makes the frame 'malformed'. */
export type ClientFrame =
  | { type: 'join'; room: string; peer: string }
  /** `to`: one member, or null for every other member of the room. */
  | { type: 'signal'; to: string | null; payload: string }
  | { type: 'ping' };

/**
 * Errors never close the socket by themselves, except where a close code is given below.
 * - malformed: not JSON text, binary, unknown type, missing/mistyped field, bad id pattern
 *   (the 10th on one connection also closes it with 1008)
 * - room-full: the room has maxPeersPerRoom members (the socket is then closed with 4000)
 * - not-joined: 'signal' before a successful 'join'
 * - already-joined: a second 'join' on a joined socket (one socket, one room)
 * - peer-taken: another socket in that room uses this peer id; nothing changed, not joined
 * - rate: frame dropped by the rate limit (too many drops close the socket with 1008)
 * - unknown-peer: 'signal' to an id not in the room (e.g. it just left), or to oneself
 */
export type SignalingErrorCode = 'malformed' | 'room-full' | 'not-joined' | 'already-joined' | 'peer-taken' | 'rate' | 'unknown-peer';

export type ServerFrame =
  /** Answer to 'join': who else is in the room now. */
  | { type: 'joined'; peers: string[] }
  | { type: 'peer-joined'; peer: string }
  | { type: 'peer-left'; peer: string }
  | { type: 'signal'; from: string; payload: string }
  | { type: 'pong' }
  | { type: 'error'; code: SignalingErrorCode; message: string };

/**
 * WebSocket close codes the server uses. Server shutdown drops sockets without a close
 * frame (the client sees 1006); a refused upgrade (wrong path) is an HTTP 404.
 */
export const CLOSE = {
  /** No frame for idleMs. */
  idle: 1001,
  /** Too many malformed frames, or the rate limit ignored. */
  policy: 1008,
  /** A frame over maxFrameBytes. */
  tooLarge: 1009,
  /** The room was full (after the 'room-full' error). */
  roomFull: 4000,
} as const;
