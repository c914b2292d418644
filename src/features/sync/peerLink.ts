// One RTCPeerConnection to one other device, with one reliable DataChannel, negotiated
// with the "perfect negotiation" pattern (either side may offer; the polite side yields on
// a collision). Its offers, answers and candidates travel through the encrypted signaling.
//
// The first offer comes from the impolite side only: the polite side adds its channel once
// that offer is in. Measured here, a collision on the very first offer (both sides adding
// their channel at once) sometimes left the polite side's rolled-back transport without ICE
// candidates, and the pair never connected. If no offer arrives in time, the polite side
// offers itself and perfect negotiation sorts it out.

export type PeerSignal =
  | { kind: 'sdp'; description: RTCSessionDescriptionInit }
  | { kind: 'ice'; candidate: RTCIceCandidateInit | null };

/** How long the polite side waits for the first offer before making one itself. */
const FIRST_OFFER_WAIT_MS = 4000;

export interface PeerLinkHandlers {
  signal(message: PeerSignal): void;
  /** The DataChannel is open: Automerge can sync over it. */
  open(channel: RTCDataChannel): void;
  closed(): void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  #channel: RTCDataChannel | null = null;
  #fallback: ReturnType<typeof setTimeout> | null = null;
  #makingOffer = false;
  #ignoreOffer = false;
  #closed = false;

  constructor(
    private readonly polite: boolean,
    iceServers: RTCIceServer[],
    private readonly handlers: PeerLinkHandlers,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    if (polite) this.#fallback = setTimeout(() => this.#addChannel(), FIRST_OFFER_WAIT_MS);
    else this.#addChannel();
    this.pc.onnegotiationneeded = async () => {
      try {
        this.#makingOffer = true;
        await this.pc.setLocalDescription();
        if (this.pc.localDescription) handlers.signal({ kind: 'sdp', description: this.pc.localDescription.toJSON() });
      } catch {
        // A later negotiation round retries.
      } finally {
        this.#makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => handlers.signal({ kind: 'ice', candidate: candidate?.toJSON() ?? null });
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'failed') this.pc.restartIce();
      if (this.pc.connectionState === 'closed') this.close();
    };
  }

  /** Negotiated with a fixed id on both sides: no ondatachannel asymmetry to handle. */
  #addChannel(): void {
    if (this.#fallback) clearTimeout(this.#fallback);
    if (this.#channel || this.#closed) return;
    const channel = this.pc.createDataChannel('automerge', { negotiated: true, id: 0, ordered: true });
    channel.binaryType = 'arraybuffer';
    channel.onopen = () => this.handlers.open(channel);
    channel.onclose = () => this.close();
    this.#channel = channel;
  }

  async receive(message: PeerSignal): Promise<void> {
    if (this.#closed) return;
    try {
      if (message.kind === 'sdp') {
        const { description } = message;
        const collision = description.type === 'offer' && (this.#makingOffer || this.pc.signalingState !== 'stable');
        this.#ignoreOffer = !this.polite && collision;
        if (this.#ignoreOffer) return;
        await this.pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          this.#addChannel(); // the offer made room for it: no new negotiation needed
          await this.pc.setLocalDescription();
          if (this.pc.localDescription) this.handlers.signal({ kind: 'sdp', description: this.pc.localDescription.toJSON() });
        }
      } else if (message.candidate) {
        try {
          await this.pc.addIceCandidate(message.candidate);
        } catch (error) {
          if (!this.#ignoreOffer) throw error;
        }
      }
    } catch {
      // A malformed or stale description from the other side: the link stays as it was.
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fallback) clearTimeout(this.#fallback);
    this.#channel?.close();
    this.pc.close();
    this.handlers.closed();
  }
}
