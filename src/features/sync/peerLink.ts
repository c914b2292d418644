// One RTCPeerConnection to one other device, with one reliable DataChannel, negotiated
// with the "perfect negotiation" pattern (either side may offer; the polite side yields on
// a collision). Its offers, answers and candidates travel through the encrypted signaling.

export type PeerSignal =
  | { kind: 'sdp'; description: RTCSessionDescriptionInit }
  | { kind: 'ice'; candidate: RTCIceCandidateInit | null };

export interface PeerLinkHandlers {
  signal(message: PeerSignal): void;
  /** The DataChannel is open: Automerge can sync over it. */
  open(channel: RTCDataChannel): void;
  closed(): void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  #makingOffer = false;
  #ignoreOffer = false;
  #closed = false;

  constructor(
    private readonly polite: boolean,
    iceServers: RTCIceServer[],
    private readonly handlers: PeerLinkHandlers,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    // Negotiated with a fixed id on both sides: no ondatachannel asymmetry to handle.
    this.channel = this.pc.createDataChannel('automerge', { negotiated: true, id: 0, ordered: true });
    this.channel.binaryType = 'arraybuffer';
    this.channel.onopen = () => handlers.open(this.channel);
    this.channel.onclose = () => this.close();
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

  get isOpen(): boolean {
    return this.channel.readyState === 'open';
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.channel.close();
    this.pc.close();
    this.handlers.closed();
  }
}
