// The WebRTC adapter's logic in Node: automerge-repo's acceptance suite over in-memory
// ByteChannel pairs, and the DataChannel chunk framing. The same suite over real
// RTCPeerConnections runs in Chromium: test/browser (npm run test:browser).

import { describe, expect, it } from 'vitest';
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js';
import { encodeFrames, FrameDecoder, frameSizeFor, FRAME_MORE, FRAME_START, FRAME_WHOLE, type ByteChannel } from '../../../workers/sync/byteChannel.ts';
import { PeerNetworkAdapter } from '../../../workers/sync/peerNetworkAdapter.ts';

/** Two ends of an in-memory, ordered, asynchronous channel. */
function channelPair(): [ByteChannel, ByteChannel] {
  let closed = false;
  const make = (): ByteChannel & { peer?: ByteChannel } => ({
    onmessage: null,
    onclose: null,
    get open() {
      return !closed;
    },
    send(bytes) {
      if (closed) return;
      const copy = bytes.slice();
      setTimeout(() => !closed && this.peer?.onmessage?.(copy), 0);
    },
    close() {
      if (closed) return;
      closed = true;
      a.onclose?.();
      b.onclose?.();
    },
  });
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

function mesh(n: number) {
  const adapters = Array.from({ length: n }, () => new PeerNetworkAdapter({ peerWaitMs: 50 }));
  const channels: ByteChannel[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [left, right] = channelPair();
      channels.push(left);
      adapters[i].addChannel(left);
      adapters[j].addChannel(right);
    }
  }
  return { adapters, teardown: () => channels.forEach((c) => c.close()) };
}

runNetworkAdapterTests(async () => {
  const { adapters, teardown } = mesh(3);
  return { adapters: [adapters[0], adapters[1], adapters[2]] as [PeerNetworkAdapter, PeerNetworkAdapter, PeerNetworkAdapter], teardown };
}, 'PeerNetworkAdapter over in-memory channels');

describe('DataChannel framing', () => {
  const decodeAll = (frames: Uint8Array[], decoder = new FrameDecoder()) => {
    const out: Uint8Array[] = [];
    for (const frame of frames) {
      const message = decoder.push(frame);
      if (message) out.push(message);
    }
    return out;
  };

  it('sends a message that fits as one WHOLE frame', () => {
    const frames = encodeFrames(new Uint8Array([7, 8, 9]), 16);
    expect(frames).toEqual([new Uint8Array([FRAME_WHOLE, 7, 8, 9])]);
    expect(decodeAll(frames)).toEqual([new Uint8Array([7, 8, 9])]);
    expect(decodeAll(encodeFrames(new Uint8Array(0), 16))).toEqual([new Uint8Array(0)]);
  });

  it('splits a bigger message into START (with its length) and MORE frames, none over the limit', () => {
    const message = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const frames = encodeFrames(message, 64);
    expect(frames[0][0]).toBe(FRAME_START);
    expect(new DataView(frames[0].buffer).getUint32(1)).toBe(1000);
    expect(frames.slice(1).every((f) => f[0] === FRAME_MORE)).toBe(true);
    expect(frames.every((f) => f.byteLength <= 64)).toBe(true);
    expect(decodeAll([...frames, ...encodeFrames(new Uint8Array([1]), 64)])).toEqual([message, new Uint8Array([1])]);
    // a message exactly one byte too big for a WHOLE frame
    expect(decodeAll(encodeFrames(new Uint8Array(64), 64))).toEqual([new Uint8Array(64)]);
  });

  it('uses min(maxMessageSize, 64 KiB) frames', () => {
    expect(frameSizeFor({})).toBe(65536);
    expect(frameSizeFor({ maxMessageSize: 262144 })).toBe(65536);
    expect(frameSizeFor({ maxMessageSize: 16384 })).toBe(16384);
    expect(frameSizeFor({ maxMessageSize: Infinity })).toBe(65536);
    expect(frameSizeFor({ maxMessageSize: null })).toBe(65536);
  });

  it('rejects protocol errors', () => {
    expect(() => new FrameDecoder().push(new Uint8Array([FRAME_MORE, 1]))).toThrow(/without a start/);
    expect(() => new FrameDecoder().push(new Uint8Array([9]))).toThrow(/unknown frame/);
    expect(() => new FrameDecoder(10).push(encodeFrames(new Uint8Array(100), 32)[0])).toThrow(/exceeds/);
    const decoder = new FrameDecoder();
    decoder.push(encodeFrames(new Uint8Array(100), 32)[0]);
    expect(() => decoder.push(new Uint8Array([FRAME_WHOLE, 1]))).toThrow(/inside a chunked/);
    const overrun = new FrameDecoder();
    overrun.push(new Uint8Array([FRAME_START, 0, 0, 0, 2, 1]));
    expect(() => overrun.push(new Uint8Array([FRAME_MORE, 2, 3]))).toThrow(/overruns/);
  });
});
