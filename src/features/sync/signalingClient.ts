// The page's end of the signaling server: one WebSocket per sync space, re-opened with
// backoff when it drops. It only moves opaque (already encrypted) payloads; who the peers
// are and what they say is decided by syncManager.
import {
  SIGNALING_LIMITS,
  SIGNALING_PATH,
  type ClientFrame,
  type ServerFrame,
} from '../../../workers/sync/protocol.ts';

export interface SignalingHandlers {
  /** Connected and in the room: the other members now. */
  joined(peers: string[]): void;
  peerJoined(peer: string): void;
  peerLeft(peer: string): void;
  signal(from: string, payload: string): void;
  /** Lost the server (it will retry on its own). */
  disconnected(reason: string): void;
}

/** The signaling URL for this page's server (wss on https). */
export function defaultSignalingUrl(): string {
  const url = new URL(SIGNALING_PATH, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

const PING_MS = SIGNALING_LIMITS.idleMs / 3;
const MAX_BACKOFF_MS = 30_000;

export class SignalingClient {
  #socket: WebSocket | null = null;
  #stopped = false;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #ping: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly url: string,
    private readonly room: string,
    private readonly peer: string,
    private readonly handlers: SignalingHandlers,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#open();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#ping) clearInterval(this.#ping);
    this.#socket?.close(1000);
    this.#socket = null;
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  send(to: string | null, payload: string): void {
    this.#send({ type: 'signal', to, payload });
  }

  #send(frame: ClientFrame): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #open(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      this.#scheduleRetry(`cannot reach ${this.url}: ${(error as Error).message}`);
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#send({ type: 'join', room: this.room, peer: this.peer });
      this.#ping = setInterval(() => this.#send({ type: 'ping' }), PING_MS);
    };
    socket.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'joined') this.handlers.joined(frame.peers);
      else if (frame.type === 'peer-joined') this.handlers.peerJoined(frame.peer);
      else if (frame.type === 'peer-left') this.handlers.peerLeft(frame.peer);
      else if (frame.type === 'signal') this.handlers.signal(frame.from, frame.payload);
      // Our peer id is still held by our previous connection, which the server has not seen
      // close yet (a dropped network): try again shortly with the same id.
      else if (frame.type === 'error' && frame.code === 'peer-taken') socket.close(1000, 'peer id still taken');
    };
    socket.onclose = (event) => {
      if (this.#ping) clearInterval(this.#ping);
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#scheduleRetry(event.reason || `connection closed (${event.code})`);
    };
  }

  #scheduleRetry(reason: string): void {
    if (this.#stopped) return;
    this.handlers.disconnected(reason);
    // Exponential backoff with jitter, so devices do not all come back at the same instant.
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#attempt++) * (0.75 + Math.random() / 2);
    this.#retry = setTimeout(() => this.#open(), delay);
  }
}
