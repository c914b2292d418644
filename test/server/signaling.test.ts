// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { attachSignaling, type Signaling } from '../../server/signaling.ts';
import { SignalingRooms } from '../../server/signalingRooms.ts';
import { CLOSE, SIGNALING_LIMITS, type ServerFrame } from '../../workers/sync/protocol.ts';
import { START_TIMEOUT_MS, makeTempDir, spawnServer, writeFakeDist, type ServerProcess } from './helpers.ts';

const WAIT_MS = 10_000;

const roomId = (): string => randomBytes(32).toString('base64url');
const peerId = (): string => randomBytes(16).toString('base64url');

/** Connects and reports how the connection ended: a close frame, or a refused upgrade. */
function connectOnce(url: string): Promise<{ closeCode?: number; reason?: string; refused?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => socket.close(1000));
    socket.once('close', (code, reason) => resolve({ closeCode: code, reason: reason.toString() }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: `HTTP ${res.statusCode}` });
      socket.terminate();
    });
    socket.once('error', (error) => resolve({ refused: error.message }));
  });
}

/** A real `ws` client that queues the server's frames and waits for them by condition. */
class Client {
  readonly received: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      const index = this.#waiters.findIndex((waiter) => waiter.match(frame));
      if (index >= 0) this.#waiters.splice(index, 1)[0].resolve(frame);
      else this.received.push(frame);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('error', () => {}); // the close event reports what happened
  }

  static open(url: string): Promise<Client> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens and joins; resolves with the 'joined' frame. */
  static async join(url: string, room: string, peer = peerId()): Promise<{ client: Client; peer: string; peers: string[] }> {
    const client = await Client.open(url);
    client.send({ type: 'join', room, peer });
    const joined = await client.next('joined');
    return { client, peer, peers: joined.peers };
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame of `type` (optionally matching `match`), already received or yet to come. */
  next<T extends ServerFrame['type']>(type: T, match: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true): Promise<Extract<ServerFrame, { type: T }>> {
    type F = Extract<ServerFrame, { type: T }>;
    const matches = (frame: ServerFrame): boolean => frame.type === type && match(frame as F);
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as F);
    return new Promise<F>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' frame within ${WAIT_MS} ms; got ${JSON.stringify(this.received)}`)), WAIT_MS);
      this.#waiters.push({
        match: matches,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame as F);
        },
      });
    });
  }

  async error(): Promise<string> {
    return (await this.next('error')).code;
  }

  /**
   * Round trip: every frame the server sent this client before answering this ping has
   * arrived once it resolves (one TCP stream, in order), so `received` is complete.
   */
  async sync(): Promise<void> {
    this.send({ type: 'ping' });
    await this.next('pong');
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close(1000);
    return this.closed;
  }
}

describe('signaling relay (spawned server)', () => {
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  let server: ServerProcess;
  let wsBase: string;
  let url: string;
  const clients: Client[] = [];
  const open = async (): Promise<Client> => {
    const client = await Client.open(url);
    clients.push(client);
    return client;
  };
  const join = async (room: string, peer?: string) => {
    const joined = await Client.join(url, room, peer);
    clients.push(joined.client);
    return joined;
  };

  beforeAll(async () => {
    dist = await makeTempDir('jarvis-dist-');
    await writeFakeDist(dist.path);
    server = spawnServer({ JARVIS_DIST: dist.path });
    wsBase = (await server.ready).replace(/^http/, 'ws');
    url = `${wsBase}/signal`;
  }, START_TIMEOUT_MS);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.socket.readyState === WebSocket.CLOSED || client.close()));
  });

  afterAll(async () => {
    await server?.stop();
    await dist?.remove();
  }, 30_000);

  it('refuses WebSocket upgrades on any other path and keeps serving HTTP', async () => {
    for (const path of ['/other', '/', '/signal/x']) {
      expect(await connectOnce(wsBase + path), path).toEqual({ refused: 'HTTP 404' });
    }
    expect(await connectOnce(`${wsBase}/signal?v=1`)).toEqual({ closeCode: 1000, reason: '' });
    expect((await fetch(wsBase.replace(/^ws/, 'http') + '/')).status).toBe(200);
  });

  it('answers ping with pong, before and after joining', async () => {
    const client = await open();
    client.send({ type: 'ping' });
    expect(await client.next('pong')).toEqual({ type: 'pong' });
    client.send({ type: 'join', room: roomId(), peer: peerId() });
    await client.next('joined');
    client.send({ type: 'ping', extra: 'ignored' });
    expect(await client.next('pong')).toEqual({ type: 'pong' });
  });

  it('lists the members on join and announces joins and leaves', async () => {
    const room = roomId();
    const a = await join(room);
    expect(a.peers).toEqual([]);
    const b = await join(room);
    expect(b.peers).toEqual([a.peer]);
    expect(await a.client.next('peer-joined')).toEqual({ type: 'peer-joined', peer: b.peer });
    const c = await join(room);
    expect(c.peers.sort()).toEqual([a.peer, b.peer].sort());
    await a.client.next('peer-joined', (f) => f.peer === c.peer);
    await b.client.next('peer-joined', (f) => f.peer === c.peer);

    await b.client.close();
    expect(await a.client.next('peer-left')).toEqual({ type: 'peer-left', peer: b.peer });
    expect(await c.client.next('peer-left')).toEqual({ type: 'peer-left', peer: b.peer });

    // Once everyone has left, the room is gone: a newcomer finds it empty.
    await Promise.all([a.client.close(), c.client.close()]);
    expect((await join(room)).peers).toEqual([]);
  });

  it('relays directed and broadcast signals within the room only', async () => {
    const room = roomId();
    const a = await join(room);
    const b = await join(room);
    const c = await join(room);
    const outsider = await join(roomId());

    a.client.send({ type: 'signal', to: b.peer, payload: 'a-to-b' });
    expect(await b.client.next('signal')).toEqual({ type: 'signal', from: a.peer, payload: 'a-to-b' });
    b.client.send({ type: 'signal', to: a.peer, payload: 'b-to-a' });
    expect(await a.client.next('signal')).toEqual({ type: 'signal', from: b.peer, payload: 'b-to-a' });

    c.client.send({ type: 'signal', to: null, payload: 'c-to-all' });
    expect(await a.client.next('signal')).toEqual({ type: 'signal', from: c.peer, payload: 'c-to-all' });
    expect(await b.client.next('signal')).toEqual({ type: 'signal', from: c.peer, payload: 'c-to-all' });

    // Nothing else went anywhere: not the directed ones to c, not anything to the outsider
    // or back to the sender of the broadcast.
    for (const client of [a.client, b.client, c.client, outsider.client]) await client.sync();
    expect(c.client.received.filter((f) => f.type === 'signal')).toEqual([]);
    expect(outsider.client.received).toEqual([]);
    expect(a.client.received.filter((f) => f.type === 'signal')).toEqual([]);
    expect(b.client.received.filter((f) => f.type === 'signal')).toEqual([]);
  });

  it('refuses a peer id already in the room without disturbing its owner', async () => {
    const room = roomId();
    const a = await join(room);
    const b = await join(room);
    await a.client.next('peer-joined');
    const impostor = await open();
    impostor.send({ type: 'join', room, peer: b.peer });
    expect(await impostor.error()).toBe('peer-taken');

    a.client.send({ type: 'signal', to: b.peer, payload: 'still yours' });
    expect((await b.client.next('signal')).payload).toBe('still yours');
    await impostor.sync();
    expect(impostor.received).toEqual([]);

    // Still open and not joined: it may join under another id.
    const fresh = peerId();
    impostor.send({ type: 'join', room, peer: fresh });
    expect((await impostor.next('joined')).peers.sort()).toEqual([a.peer, b.peer].sort());
    await a.client.next('peer-joined', (f) => f.peer === fresh);
  });

  it('refuses a second join on the same socket', async () => {
    const a = await join(roomId());
    a.client.send({ type: 'join', room: roomId(), peer: peerId() });
    expect(await a.client.error()).toBe('already-joined');
    await a.client.sync();
  });

  it('answers unknown-peer for a signal to a non-member or to oneself, and stays open', async () => {
    const room = roomId();
    const a = await join(room);
    const outsider = await join(roomId());
    a.client.send({ type: 'signal', to: outsider.peer, payload: 'x' });
    expect(await a.client.error()).toBe('unknown-peer');
    a.client.send({ type: 'signal', to: a.peer, payload: 'x' });
    expect(await a.client.error()).toBe('unknown-peer');
    await a.client.sync();
    await outsider.client.sync();
    expect(outsider.client.received).toEqual([]);
  });

  it('takes 16 peers in a room and refuses the 17th with room-full and close 4000', async () => {
    const room = roomId();
    const members = [];
    for (let i = 0; i < SIGNALING_LIMITS.maxPeersPerRoom; i++) members.push(await join(room));
    expect(members.at(-1)!.peers).toHaveLength(SIGNALING_LIMITS.maxPeersPerRoom - 1);

    const extra = await open();
    extra.send({ type: 'join', room, peer: peerId() });
    expect(await extra.error()).toBe('room-full');
    expect(await extra.closed).toEqual({ code: CLOSE.roomFull, reason: 'room full' });

    // Nobody heard of it; once a member leaves there is room again.
    await members[0].client.sync();
    expect(members[0].client.received.filter((f) => f.type === 'peer-joined')).toHaveLength(SIGNALING_LIMITS.maxPeersPerRoom - 1);
    await members.pop()!.client.close();
    await members[0].client.next('peer-left');
    expect((await join(room)).peers).toHaveLength(SIGNALING_LIMITS.maxPeersPerRoom - 1);
  });

  it('accepts a frame of exactly 64 KiB and closes with 1009 on one byte more', async () => {
    const room = roomId();
    const a = await join(room);
    const b = await join(room);
    const frameOf = (bytes: number): string => {
      const empty = JSON.stringify({ type: 'signal', to: b.peer, payload: '' });
      return JSON.stringify({ type: 'signal', to: b.peer, payload: 'p'.repeat(bytes - empty.length) });
    };
    expect(Buffer.byteLength(frameOf(SIGNALING_LIMITS.maxFrameBytes))).toBe(SIGNALING_LIMITS.maxFrameBytes);

    a.client.socket.send(frameOf(SIGNALING_LIMITS.maxFrameBytes));
    expect((await b.client.next('signal')).from).toBe(a.peer);

    a.client.socket.send(frameOf(SIGNALING_LIMITS.maxFrameBytes + 1));
    expect((await a.client.closed).code).toBe(CLOSE.tooLarge);
    expect(await b.client.next('peer-left')).toEqual({ type: 'peer-left', peer: a.peer });
    await b.client.sync();
    expect(b.client.received).toEqual([]); // the oversized frame was never relayed
  });

  it('answers malformed frames with errors and keeps the socket open', async () => {
    const client = await open();
    const frames: (string | Buffer)[] = [
      'not json',
      Buffer.from(JSON.stringify({ type: 'ping' })), // binary
      JSON.stringify(null),
      JSON.stringify([{ type: 'ping' }]),
      JSON.stringify({ type: 'hello' }),
      JSON.stringify({ type: 'join', room: roomId() }), // no peer
      JSON.stringify({ type: 'join', room: 'short', peer: peerId() }),
      JSON.stringify({ type: 'join', room: roomId(), peer: 42 }),
      JSON.stringify({ type: 'signal', to: peerId() }), // no payload
    ];
    for (const frame of frames) {
      client.socket.send(frame, { binary: typeof frame !== 'string' });
      expect(await client.error(), String(frame)).toBe('malformed');
    }
    client.send({ type: 'signal', to: null, payload: 'early' });
    expect(await client.error()).toBe('not-joined');

    // Still usable: it can join.
    client.send({ type: 'join', room: roomId(), peer: peerId() });
    await client.next('joined');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);

    // A mistyped signal after joining is malformed too (on a fresh connection: the
    // first one is one malformed frame away from being closed).
    const joined = await join(roomId());
    joined.client.send({ type: 'signal', to: 7, payload: 'x' });
    expect(await joined.client.error()).toBe('malformed');
    joined.client.send({ type: 'signal', to: null, payload: { sdp: 'x' } });
    expect(await joined.client.error()).toBe('malformed');
    joined.client.send({ type: 'signal', to: 'not-a-peer-id', payload: 'x' });
    expect(await joined.client.error()).toBe('malformed');
    await joined.client.sync();
  });

  it('closes with 1008 on the 10th malformed frame', async () => {
    const client = await open();
    for (let i = 1; i < SIGNALING_LIMITS.malformedFramesBeforeClose; i++) {
      client.socket.send('{');
      expect(await client.error()).toBe('malformed');
    }
    await client.sync();
    client.socket.send('{');
    expect(await client.error()).toBe('malformed');
    expect(await client.closed).toEqual({ code: CLOSE.policy, reason: 'too many malformed frames' });
  });

  it('drops frames over the rate with rate errors, then closes a flood with 1008', async () => {
    const room = roomId();
    const a = await join(room);
    const b = await join(room);
    const total = SIGNALING_LIMITS.frameBurst + SIGNALING_LIMITS.droppedFramesBeforeClose + 20;
    for (let i = 0; i < total; i++) a.client.send({ type: 'signal', to: b.peer, payload: `n${i}` });

    expect(await a.client.error()).toBe('rate');
    expect(await a.client.closed).toEqual({ code: CLOSE.policy, reason: 'rate limit exceeded' });
    const errors = a.client.received.filter((f) => f.type === 'error');
    expect(errors.every((f) => f.code === 'rate')).toBe(true);
    expect(errors.length).toBeGreaterThan(SIGNALING_LIMITS.droppedFramesBeforeClose / 2);

    // b got (about) a burst's worth, in order, and never more than the limit allows.
    await b.client.next('peer-left');
    const relayed = b.client.received.filter((f) => f.type === 'signal');
    expect(relayed.length).toBeGreaterThanOrEqual(SIGNALING_LIMITS.frameBurst - 1); // the join took a token
    expect(relayed.length).toBeLessThan(total - SIGNALING_LIMITS.droppedFramesBeforeClose);
    expect(relayed.map((f) => f.payload)).toEqual(relayed.map((_, i) => `n${i}`));
  });

  it('prints no payloads, room ids or peer ids', async () => {
    const marker = `MARKER-${randomBytes(8).toString('hex')}`;
    const room = roomId();
    const a = await join(room);
    const b = await join(room);
    a.client.send({ type: 'signal', to: b.peer, payload: marker });
    expect((await b.client.next('signal')).payload).toBe(marker);
    b.client.send({ type: 'signal', to: null, payload: marker });
    await a.client.next('signal');
    await a.client.close();
    await b.client.next('peer-left');
    const output = server.stdout() + server.stderr();
    for (const secret of [marker, room, a.peer, b.peer]) expect(output).not.toContain(secret);
  });
});

describe('signaling relay (in process)', () => {
  let http: Server;
  let signaling: Signaling;
  let url: string;
  const IDLE_MS = 300;

  beforeAll(async () => {
    http = createServer((_req, res) => res.end());
    signaling = attachSignaling(http, { idleMs: IDLE_MS });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/signal`;
  });

  afterAll(async () => {
    signaling.close();
    await new Promise((resolve) => http.close(resolve));
  });

  afterEach(() => vi.restoreAllMocks());

  it('closes a connection idle for idleMs with 1001', async () => {
    const started = performance.now();
    const client = await Client.open(url);
    expect(await client.closed).toEqual({ code: CLOSE.idle, reason: 'idle' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
  });

  it('keeps a connection that pings more often than idleMs', async () => {
    const client = await Client.open(url);
    const started = performance.now();
    while (performance.now() - started < IDLE_MS * 2.5) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 4));
      await client.sync();
    }
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('writes nothing at all to the console or stdout/stderr while relaying', async () => {
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((name) => vi.spyOn(console, name)),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    const marker = `MARKER-${randomBytes(8).toString('hex')}`;
    const room = roomId();
    const a = await Client.join(url, room);
    const b = await Client.join(url, room);
    a.client.send({ type: 'signal', to: null, payload: marker });
    expect((await b.client.next('signal')).payload).toBe(marker);
    b.client.send({ type: 'signal', to: 'x'.repeat(22), payload: marker });
    expect(await b.client.error()).toBe('unknown-peer');
    b.client.socket.send('{"type":"signal","payload":"' + marker);
    expect(await b.client.error()).toBe('malformed');
    a.client.socket.send('x'.repeat(SIGNALING_LIMITS.maxFrameBytes + 1));
    expect((await a.client.closed).code).toBe(CLOSE.tooLarge);
    await b.client.next('peer-left');
    await b.client.close();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('forgets empty rooms and counts only live sockets', async () => {
    await vi.waitFor(() => expect(signaling.stats()).toEqual({ connections: 0, rooms: 0, peers: 0 }));
    const room = roomId();
    const a = await Client.join(url, room);
    const b = await Client.join(url, room);
    const c = await Client.join(url, roomId());
    expect(signaling.stats()).toEqual({ connections: 3, rooms: 2, peers: 3 });
    await Promise.all([a.client.close(), c.client.close()]);
    await b.client.next('peer-left');
    await vi.waitFor(() => expect(signaling.stats()).toEqual({ connections: 1, rooms: 1, peers: 1 }));
    await b.client.close();
    await vi.waitFor(() => expect(signaling.stats()).toEqual({ connections: 0, rooms: 0, peers: 0 }));
  });

  it('drops every socket and refuses new ones on close()', async () => {
    const other = createServer();
    const closing = attachSignaling(other);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `ws://127.0.0.1:${(other.address() as AddressInfo).port}/signal`;
    const room = roomId();
    const a = await Client.join(otherUrl, room);
    const b = await Client.join(otherUrl, room);
    closing.close();
    expect((await a.client.closed).code).toBe(1006);
    expect((await b.client.closed).code).toBe(1006);
    expect(closing.stats()).toEqual({ connections: 0, rooms: 0, peers: 0 });
    expect(other.listenerCount('upgrade')).toBe(0); // upgrades are no longer taken
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  });
});

describe('SignalingRooms', () => {
  it('tracks members, refuses taken ids and full rooms, and deletes empty rooms', () => {
    const rooms = new SignalingRooms<string>(2);
    expect(rooms.join('r', 'a', 'A')).toEqual({ ok: true, others: new Map() });
    expect(rooms.join('r', 'a', 'A2')).toEqual({ ok: false, reason: 'peer-taken' });
    expect(rooms.join('r', 'b', 'B')).toEqual({ ok: true, others: new Map([['a', 'A']]) });
    expect(rooms.join('r', 'c', 'C')).toEqual({ ok: false, reason: 'room-full' });
    expect(rooms.join('s', 'a', 'A3').ok).toBe(true);
    expect(rooms.member('r', 'a')).toBe('A');
    expect(rooms.others('r', 'a')).toEqual(['B']);
    expect([rooms.roomCount, rooms.peerCount]).toEqual([2, 3]);

    expect(rooms.leave('r', 'a')).toEqual(new Map([['b', 'B']]));
    expect(rooms.leave('r', 'a')).toEqual(new Map());
    expect(rooms.leave('r', 'b')).toEqual(new Map());
    expect(rooms.member('r', 'b')).toBeUndefined();
    expect([rooms.roomCount, rooms.peerCount]).toEqual([1, 1]);
  });
});
