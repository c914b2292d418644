// The signaling relay (SPEC §3): WebSocket path /signal on the app's own server. Rooms are
// keyed by an id the clients derive one-way from the link secret; the relay forwards opaque
// (encrypted) payloads between the members of a room and stores nothing but live sockets.
// It logs nothing: no room ids, peer ids or payloads ever reach the console.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  CLOSE,
  PEER_ID_PATTERN,
  ROOM_ID_PATTERN,
  SIGNALING_LIMITS,
  SIGNALING_PATH,
  type ClientFrame,
  type ServerFrame,
  type SignalingErrorCode,
} from '../workers/sync/protocol.ts';
import { SignalingRooms } from './signalingRooms.ts';

export { SIGNALING_PATH };

/**
 * A member whose socket has this much unsent data is not reading: it is dropped rather
 * than letting the server buffer without bound for it.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface SignalingOptions {
  /** Close a connection after this long without a frame (default SIGNALING_LIMITS.idleMs). */
  idleMs?: number;
}

export interface Signaling {
  /** Closes every open signaling connection and stops accepting new ones. */
  close(): void;
  /** Counts only (never ids): open connections, non-empty rooms, joined peers. */
  stats(): { connections: number; rooms: number; peers: number };
}

interface Connection {
  socket: WebSocket;
  /** Set once joined. */
  room?: string;
  peer?: string;
  tokens: number;
  refilledAt: number;
  dropped: number;
  malformed: number;
  idleTimer: NodeJS.Timeout;
}

const ERROR_MESSAGES: Record<SignalingErrorCode, string> = {
  malformed: 'expected a JSON text frame: join, signal or ping with valid fields',
  'room-full': `the room already has ${SIGNALING_LIMITS.maxPeersPerRoom} members`,
  'not-joined': 'join a room first',
  'already-joined': 'this connection has already joined a room',
  'peer-taken': 'that peer id is already in the room',
  rate: 'too many frames: this one was dropped',
  'unknown-peer': 'no such peer in the room',
};

/**
 * Owns WebSocket upgrades on `server`: `/signal` is accepted, any other path gets 404.
 */
export function attachSignaling(server: HttpServer | HttpsServer, options: SignalingOptions = {}): Signaling {
  const idleMs = options.idleMs ?? SIGNALING_LIMITS.idleMs;
  // No permessage-deflate (ws's default for servers): a small compressed frame cannot
  // inflate past the limit, and maxPayload refuses an oversized frame as its header arrives.
  const wss = new WebSocketServer({ noServer: true, maxPayload: SIGNALING_LIMITS.maxFrameBytes });
  const rooms = new SignalingRooms<Connection>(SIGNALING_LIMITS.maxPeersPerRoom);
  const connections = new Set<Connection>();

  const send = (connection: Connection, frame: ServerFrame): void => {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(frame));
  };

  const fail = (connection: Connection, code: SignalingErrorCode): void => {
    send(connection, { type: 'error', code, message: ERROR_MESSAGES[code] });
  };

  /** Takes a token; false when the frame must be dropped. */
  const admit = (connection: Connection): boolean => {
    const now = performance.now();
    const { framesPerSecond, frameBurst } = SIGNALING_LIMITS;
    connection.tokens = Math.min(frameBurst, connection.tokens + ((now - connection.refilledAt) / 1000) * framesPerSecond);
    connection.refilledAt = now;
    if (connection.tokens >= frameBurst) connection.dropped = 0; // paused long enough: forgiven
    if (connection.tokens >= 1) {
      connection.tokens -= 1;
      return true;
    }
    return false;
  };

  const onJoin = (connection: Connection, room: string, peer: string): void => {
    if (connection.room !== undefined) return fail(connection, 'already-joined');
    const result = rooms.join(room, peer, connection);
    if (!result.ok) {
      fail(connection, result.reason);
      if (result.reason === 'room-full') connection.socket.close(CLOSE.roomFull, 'room full');
      return;
    }
    connection.room = room;
    connection.peer = peer;
    send(connection, { type: 'joined', peers: [...result.others.keys()] });
    for (const other of result.others.values()) send(other, { type: 'peer-joined', peer });
  };

  const onSignal = (connection: Connection, to: string | null, payload: string): void => {
    const { room, peer } = connection;
    if (room === undefined || peer === undefined) return fail(connection, 'not-joined');
    const frame: ServerFrame = { type: 'signal', from: peer, payload };
    if (to === null) {
      for (const other of rooms.others(room, peer)) send(other, frame);
      return;
    }
    const target = to === peer ? undefined : rooms.member(room, to);
    if (!target) return fail(connection, 'unknown-peer');
    send(target, frame);
  };

  const onMessage = (connection: Connection, data: RawData, isBinary: boolean): void => {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.idleTimer.refresh();

    if (!admit(connection)) {
      connection.dropped += 1;
      if (connection.dropped >= SIGNALING_LIMITS.droppedFramesBeforeClose) {
        connection.socket.close(CLOSE.policy, 'rate limit exceeded');
      } else {
        fail(connection, 'rate');
      }
      return;
    }

    const frame = isBinary ? undefined : parseClientFrame(rawText(data));
    if (!frame) {
      connection.malformed += 1;
      fail(connection, 'malformed');
      if (connection.malformed >= SIGNALING_LIMITS.malformedFramesBeforeClose) {
        connection.socket.close(CLOSE.policy, 'too many malformed frames');
      }
      return;
    }

    switch (frame.type) {
      case 'join':
        return onJoin(connection, frame.room, frame.peer);
      case 'signal':
        return onSignal(connection, frame.to, frame.payload);
      case 'ping':
        return send(connection, { type: 'pong' });
    }
  };

  const onClose = (connection: Connection): void => {
    clearTimeout(connection.idleTimer);
    connections.delete(connection);
    const { room, peer } = connection;
    if (room === undefined || peer === undefined) return;
    connection.room = connection.peer = undefined;
    for (const other of rooms.leave(room, peer).values()) send(other, { type: 'peer-left', peer });
  };

  const onConnection = (socket: WebSocket): void => {
    const connection: Connection = {
      socket,
      tokens: SIGNALING_LIMITS.frameBurst,
      refilledAt: performance.now(),
      dropped: 0,
      malformed: 0,
      idleTimer: setTimeout(() => socket.close(CLOSE.idle, 'idle'), idleMs),
    };
    connections.add(connection);
    // Protocol errors (e.g. a frame over maxPayload: ws closes with 1009 itself) and
    // network errors end in 'close'; the error itself needs no handling and no logging.
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => onMessage(connection, data, isBinary));
    socket.on('close', () => onClose(connection));
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== SIGNALING_PATH) {
      socket.on('error', () => socket.destroy());
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, onConnection);
  };

  server.on('upgrade', onUpgrade);

  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const connection of connections) {
        clearTimeout(connection.idleTimer);
        connection.socket.terminate();
      }
      wss.close();
    },
    stats() {
      return { connections: connections.size, rooms: rooms.roomCount, peers: rooms.peerCount };
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The frame if it is a well-formed ClientFrame (extra fields ignored), else undefined. */
export function parseClientFrame(text: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'join': {
      const { room, peer } = frame;
      if (typeof room !== 'string' || !ROOM_ID_PATTERN.test(room)) return undefined;
      if (typeof peer !== 'string' || !PEER_ID_PATTERN.test(peer)) return undefined;
      return { type: 'join', room, peer };
    }
    case 'signal': {
      const { to, payload } = frame;
      if (to !== null && (typeof to !== 'string' || !PEER_ID_PATTERN.test(to))) return undefined;
      if (typeof payload !== 'string' || payload.length > SIGNALING_LIMITS.maxFrameBytes) return undefined;
      return { type: 'signal', to, payload };
    }
    case 'ping':
      return { type: 'ping' };
    default:
      return undefined;
  }
}
