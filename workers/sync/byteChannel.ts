// A reliable, ordered pipe of whole binary messages between this device and one other
// device. Two implementations: a real RTCDataChannel (page only: Chromium has no WebRTC in
// workers), and a MessagePort whose far end the page pumps to and from a DataChannel
// (what the data worker sees; see channelBridge.ts).
//
// DataChannel framing (every DataChannel message starts with one kind byte):
//   0x00 WHOLE  [0x00][message bytes]                       a message that fits in one frame
//   0x01 START  [0x01][u32 big-endian total length][bytes]  first frame of a chunked message
//   0x02 MORE   [0x02][bytes]                               next frame; the message is complete
//                                                           when `total length` bytes arrived
// Frames are at most min(maxMessageSize, 64 KiB) bytes, so a sync message of many MB
// survives any SCTP message-size limit, and sending waits on `bufferedAmount` (Chromium
// closes a channel whose send buffer overflows).

export interface ByteChannel {
  /** Queues one whole message. Ignored once the channel is closed. */
  send(bytes: Uint8Array): void;
  /** Closes the channel; `onclose` fires (once) here and on the far end. */
  close(): void;
  /** One whole message, as sent. The receiver owns the bytes (they may be transferred). */
  onmessage: ((bytes: Uint8Array) => void) | null;
  /** Fires once when the channel closes, from either end. */
  onclose: (() => void) | null;
  readonly open: boolean;
}

export const FRAME_WHOLE = 0x00;
export const FRAME_START = 0x01;
export const FRAME_MORE = 0x02;

/** Largest DataChannel frame we send, whatever the transport allows. */
export const DEFAULT_FRAME_BYTES = 64 * 1024;
const START_HEADER = 5;
/** First buffer for a chunked message; it doubles as bytes arrive, up to the announced length. */
const INITIAL_BUFFER = 1024 * 1024;
const EMPTY: Uint8Array<ArrayBuffer> = new Uint8Array(0);

export interface DataChannelOptions {
  /** The transport's limit, e.g. `pc.sctp?.maxMessageSize`; 0/undefined/Infinity = unknown. */
  maxMessageSize?: number | null;
  /** Upper bound on a frame; default 64 KiB. */
  maxFrameBytes?: number;
  /** Sending pauses while `bufferedAmount` is above this (default 1 MiB)… */
  highWaterMark?: number;
  /** …and resumes at `bufferedamountlow`, fired below this (default 256 KiB). */
  lowWaterMark?: number;
  /** A peer announcing a bigger message is a protocol error: the channel closes (default 256 MiB). */
  maxIncomingMessageBytes?: number;
}

export function frameSizeFor(options: DataChannelOptions = {}): number {
  const cap = options.maxFrameBytes ?? DEFAULT_FRAME_BYTES;
  const limit = options.maxMessageSize && Number.isFinite(options.maxMessageSize) && options.maxMessageSize > 0 ? options.maxMessageSize : cap;
  return Math.max(START_HEADER + 1, Math.min(cap, limit));
}

/** Splits one message into DataChannel frames of at most `frameBytes` bytes each. */
export function encodeFrames(bytes: Uint8Array, frameBytes: number): Uint8Array<ArrayBuffer>[] {
  if (bytes.byteLength + 1 <= frameBytes) {
    const frame = new Uint8Array(bytes.byteLength + 1);
    frame[0] = FRAME_WHOLE;
    frame.set(bytes, 1);
    return [frame];
  }
  if (bytes.byteLength > 0xffffffff) throw new RangeError('message too large');
  const frames: Uint8Array<ArrayBuffer>[] = [];
  const firstPart = frameBytes - START_HEADER;
  const first = new Uint8Array(frameBytes);
  first[0] = FRAME_START;
  new DataView(first.buffer).setUint32(1, bytes.byteLength, false);
  first.set(bytes.subarray(0, firstPart), START_HEADER);
  frames.push(first);
  for (let offset = firstPart; offset < bytes.byteLength; offset += frameBytes - 1) {
    const part = bytes.subarray(offset, offset + frameBytes - 1);
    const frame = new Uint8Array(part.byteLength + 1);
    frame[0] = FRAME_MORE;
    frame.set(part, 1);
    frames.push(frame);
  }
  return frames;
}

/** Reassembles frames into messages; throws on a protocol error. */
export class FrameDecoder {
  #pending: Uint8Array | null = null;
  #filled = 0;
  /** Length the START frame announced for the pending message. */
  #total = 0;
  readonly #maxBytes: number;

  constructor(maxBytes = 256 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
  }

  /** Returns the completed message, or null while one is still arriving. */
  push(frame: Uint8Array): Uint8Array | null {
    if (frame.byteLength < 1) throw new Error('empty frame');
    const kind = frame[0];
    if (kind === FRAME_WHOLE) {
      if (this.#pending) throw new Error('whole frame inside a chunked message');
      return frame.subarray(1);
    }
    if (kind === FRAME_START) {
      if (this.#pending) throw new Error('start frame inside a chunked message');
      if (frame.byteLength < START_HEADER) throw new Error('short start frame');
      const total = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1, false);
      if (total > this.#maxBytes) throw new Error(`message of ${total} bytes exceeds the limit`);
      // Memory follows the bytes that arrive, not the length announced: a START that claims
      // 200 MB and sends nothing more must not make us allocate 200 MB.
      this.#total = total;
      this.#pending = new Uint8Array(Math.min(total, INITIAL_BUFFER));
      this.#filled = 0;
      return this.#append(frame.subarray(START_HEADER));
    }
    if (kind === FRAME_MORE) {
      if (!this.#pending) throw new Error('continuation frame without a start');
      return this.#append(frame.subarray(1));
    }
    throw new Error(`unknown frame kind ${kind}`);
  }

  #append(part: Uint8Array): Uint8Array | null {
    let pending = this.#pending as Uint8Array;
    const filled = this.#filled + part.byteLength;
    if (filled > this.#total) throw new Error('chunked message overruns its length');
    if (filled > pending.byteLength) {
      const grown = new Uint8Array(Math.min(this.#total, Math.max(filled, pending.byteLength * 2)));
      grown.set(pending.subarray(0, this.#filled));
      pending = this.#pending = grown;
    }
    pending.set(part, this.#filled);
    this.#filled = filled;
    if (filled < this.#total) return null;
    this.#pending = null;
    return pending;
  }
}

/**
 * Wraps an RTCDataChannel (negotiated reliable + ordered) as a ByteChannel. Messages sent
 * before the channel opens are queued. The channel should not have other listeners that
 * read its messages: every DataChannel message is a frame.
 */
export function dataChannelAsByteChannel(dc: RTCDataChannel, options: DataChannelOptions = {}): ByteChannel {
  const frameBytes = frameSizeFor(options);
  const highWaterMark = options.highWaterMark ?? 1024 * 1024;
  const lowWaterMark = Math.min(options.lowWaterMark ?? 256 * 1024, highWaterMark);
  const decoder = new FrameDecoder(options.maxIncomingMessageBytes);
  const queue: Uint8Array<ArrayBuffer>[] = [];
  let queueHead = 0;
  let closed = false;

  dc.binaryType = 'arraybuffer';
  dc.bufferedAmountLowThreshold = lowWaterMark;

  const flush = () => {
    if (closed || dc.readyState !== 'open') return;
    try {
      while (queueHead < queue.length && dc.bufferedAmount <= highWaterMark) {
        const frame = queue[queueHead];
        queue[queueHead++] = EMPTY;
        dc.send(frame);
      }
    } catch (error) {
      console.warn('[sync] DataChannel send failed; closing it', error);
      channel.close();
      return;
    }
    if (queueHead === queue.length) {
      queue.length = 0;
      queueHead = 0;
    } else if (queueHead > 1024) {
      queue.splice(0, queueHead);
      queueHead = 0;
    }
  };

  const finish = () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    queueHead = 0;
    dc.removeEventListener('open', flush);
    dc.removeEventListener('bufferedamountlow', flush);
    dc.removeEventListener('message', onMessage);
    dc.removeEventListener('close', finish);
    channel.onclose?.();
  };

  const onMessage = (event: MessageEvent) => {
    if (closed) return;
    const data: unknown = event.data;
    if (!(data instanceof ArrayBuffer)) {
      console.warn('[sync] non-binary DataChannel message; closing the channel');
      channel.close();
      return;
    }
    let message: Uint8Array | null;
    try {
      message = decoder.push(new Uint8Array(data));
    } catch (error) {
      console.warn('[sync] bad DataChannel frame; closing the channel', error);
      channel.close();
      return;
    }
    if (message) channel.onmessage?.(message);
  };

  dc.addEventListener('open', flush);
  dc.addEventListener('bufferedamountlow', flush);
  dc.addEventListener('message', onMessage);
  dc.addEventListener('close', finish);

  const channel: ByteChannel = {
    onmessage: null,
    onclose: null,
    get open() {
      return !closed && (dc.readyState === 'open' || dc.readyState === 'connecting');
    },
    send(bytes) {
      if (closed) return;
      for (const frame of encodeFrames(bytes, frameBytes)) queue.push(frame);
      flush();
    },
    close() {
      if (closed) return;
      try {
        dc.close();
      } catch {
        // already closing
      }
      finish();
    },
  };
  if (dc.readyState === 'closing' || dc.readyState === 'closed') queueMicrotask(finish);
  return channel;
}


/** What travels over the MessagePort between the page's bridge and the worker. */
export type PortFrame = Uint8Array | { type: 'close' };

function isCloseFrame(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'close';
}

/** Copies `bytes` into an ArrayBuffer of its own, so it can be transferred. */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}

/**
 * Posts one message's bytes over a port, transferring its buffer. `owned`: the caller
 * gives up `bytes` and its whole buffer (no copy); otherwise the bytes are copied first.
 */
export function postBytes(port: MessagePort, bytes: Uint8Array, owned = false): void {
  const own = owned && bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : ownBytes(bytes);
  port.postMessage(own, [own.buffer]);
}

/**
 * The data worker's view of a DataChannel that the page pumps (bridgeDataChannel): whole
 * messages as transferred Uint8Arrays, and a `{type:'close'}` message either way.
 */
export function portAsByteChannel(port: MessagePort): ByteChannel {
  let closed = false;

  const finish = () => {
    if (closed) return;
    closed = true;
    port.onmessage = null;
    port.close();
    channel.onclose?.();
  };

  port.onmessage = (event: MessageEvent) => {
    if (closed) return;
    const data: unknown = event.data;
    if (data instanceof Uint8Array) channel.onmessage?.(data);
    else if (data instanceof ArrayBuffer) channel.onmessage?.(new Uint8Array(data));
    else if (isCloseFrame(data)) finish();
  };

  const channel: ByteChannel = {
    onmessage: null,
    onclose: null,
    get open() {
      return !closed;
    },
    send(bytes) {
      if (closed) return;
      postBytes(port, bytes);
    },
    close() {
      if (closed) return;
      port.postMessage({ type: 'close' } satisfies PortFrame);
      finish();
    },
  };
  return channel;
}
