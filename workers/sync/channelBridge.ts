// The page ↔ data worker bridge for one DataChannel. Chromium has RTCPeerConnection only on
// the page's main thread, while the Repo lives in the data worker, so the page pumps each
// DataChannel's whole messages through a MessagePort:
//
//   page:   const { port1, port2 } = new MessageChannel();
//           bridgeDataChannel(dc, port1, { maxMessageSize: pc.sctp?.maxMessageSize });
//           (hand port2 to the data worker, transferring it)
//   worker: attachPort(adapter, port2)   // = adapter.addChannel(portAsByteChannel(port2))
//
// Chunking happens only on the DataChannel side (byteChannel.ts); the port carries whole
// messages as transferred buffers. Closing either end closes the other: the DataChannel
// closing posts {type:'close'} to the worker; the worker closing its channel closes the
// DataChannel.

import { dataChannelAsByteChannel, portAsByteChannel, postBytes, type ByteChannel, type DataChannelOptions } from './byteChannel.ts';
import type { PeerNetworkAdapter } from './peerNetworkAdapter.ts';

export interface Bridge {
  /** The DataChannel as seen by the bridge (closing it closes the port too). */
  channel: ByteChannel;
  /** Closes the DataChannel and tells the worker. */
  close(): void;
}

/** Page side: pumps bytes between a real RTCDataChannel and a MessagePort. */
export function bridgeDataChannel(dc: RTCDataChannel, port: MessagePort, options: DataChannelOptions = {}): Bridge {
  const channel = dataChannelAsByteChannel(dc, options);
  let closed = false;

  const closePort = () => {
    if (closed) return;
    closed = true;
    port.onmessage = null;
    port.postMessage({ type: 'close' });
    port.close();
  };

  // Reassembled messages own their buffer: transfer it, no copy.
  channel.onmessage = (bytes) => {
    if (!closed) postBytes(port, bytes, true);
  };
  channel.onclose = closePort;

  port.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (data instanceof Uint8Array) channel.send(data);
    else if (data instanceof ArrayBuffer) channel.send(new Uint8Array(data));
    else if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'close') {
      closed = true;
      port.onmessage = null;
      port.close();
      channel.close();
    }
  };

  if (!channel.open) closePort();
  return {
    channel,
    close() {
      channel.close();
      closePort();
    },
  };
}

/** Worker side: starts syncing over a port the page bridged to a DataChannel. */
export function attachPort(adapter: PeerNetworkAdapter, port: MessagePort): () => void {
  return adapter.addChannel(portAsByteChannel(port));
}
