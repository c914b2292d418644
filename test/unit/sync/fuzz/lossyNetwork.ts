// A simulated network of ByteChannels between devices, under the fuzz's control: nothing
// moves until `deliver()` says so. While faults are on, each message sent is dropped,
// duplicated or reordered with its probability; a link (one channel pair) can be cut,
// which closes both ends as a failed DataChannel would, and rebuilt with fresh channels
// (what the app's sync manager does after a disconnection).
import type { ByteChannel } from '../../../../workers/sync/byteChannel.ts';

export interface Faults {
  drop: number;
  duplicate: number;
  reorder: number;
}

export const NO_FAULTS: Faults = { drop: 0, duplicate: 0, reorder: 0 };

interface Direction {
  /** Receiving end. */
  to: ByteChannel;
  queue: Uint8Array[];
}

export interface Link {
  a: number;
  b: number;
  open: boolean;
  /** [a→b, b→a] */
  directions: [Direction, Direction];
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  linksCut: number;
  linksMade: number;
}

export class LossyNetwork {
  readonly links = new Map<string, Link>();
  faults: Faults = NO_FAULTS;
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, reordered: 0, linksCut: 0, linksMade: 0 };
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  static key(a: number, b: number): string {
    return a < b ? `${a}-${b}` : `${b}-${a}`;
  }

  link(a: number, b: number): Link | undefined {
    return this.links.get(LossyNetwork.key(a, b));
  }

  /** A fresh channel pair between devices a and b (the old one, if any, must be cut first). */
  connect(a: number, b: number): [ByteChannel, ByteChannel] {
    if (this.link(a, b)?.open) throw new Error(`link ${a}-${b} is already open`);
    const link = { a, b, open: true } as Link;
    const end = (out: () => Direction): ByteChannel => ({
      onmessage: null,
      onclose: null,
      get open() {
        return link.open;
      },
      send: (bytes) => {
        if (link.open) this.#enqueue(out(), bytes.slice());
      },
      close: () => this.cut(a, b, link),
    });
    const endA = end(() => link.directions[0]);
    const endB = end(() => link.directions[1]);
    link.directions = [
      { to: endB, queue: [] },
      { to: endA, queue: [] },
    ];
    this.links.set(LossyNetwork.key(a, b), link);
    this.stats.linksMade++;
    return [endA, endB];
  }

  /** Closes the link's channels (both ends hear `onclose`); what was in flight is lost. */
  cut(a: number, b: number, which = this.link(a, b)): void {
    if (!which || !which.open) return;
    which.open = false;
    this.stats.linksCut++;
    for (const direction of which.directions) direction.queue.length = 0;
    const [toB, toA] = which.directions;
    toA.to.onclose?.();
    toB.to.onclose?.();
  }

  /** Messages waiting on open links. */
  get inFlight(): number {
    let n = 0;
    for (const link of this.links.values()) if (link.open) n += link.directions[0].queue.length + link.directions[1].queue.length;
    return n;
  }

  /**
   * Delivers messages in FIFO order per direction. `share` = the chance that each next
   * message of a queue goes now (1: everything queued, including replies sent meanwhile, up
   * to `max` per direction).
   */
  deliver(share = 1, max = Infinity): number {
    let delivered = 0;
    const directions = [...this.links.values()].filter((l) => l.open).flatMap((l) => l.directions.map((d) => [l, d] as const));
    // Visit the directions in a random order, so no device always hears first.
    for (let i = directions.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [directions[i], directions[j]] = [directions[j], directions[i]];
    }
    for (const [link, direction] of directions) {
      let n = 0;
      while (link.open && direction.queue.length > 0 && n < max && (share >= 1 || this.#random() < share)) {
        const bytes = direction.queue.shift()!;
        n++;
        delivered++;
        this.stats.delivered++;
        direction.to.onmessage?.(bytes);
      }
    }
    return delivered;
  }

  #enqueue(direction: Direction, bytes: Uint8Array): void {
    this.stats.sent++;
    const { drop, duplicate, reorder } = this.faults;
    const r = this.#random();
    const queue = direction.queue;
    if (r < drop) {
      this.stats.dropped++;
      return;
    }
    if (r < drop + duplicate) {
      this.stats.duplicated++;
      queue.push(bytes);
      // The copy arrives at once or a little later.
      const at = queue.length + Math.floor(this.#random() * 3);
      queue.splice(Math.min(at, queue.length), 0, bytes.slice());
      return;
    }
    if (r < drop + duplicate + reorder && queue.length > 0) {
      // Overtakes up to 3 messages sent before it.
      this.stats.reordered++;
      const at = Math.max(0, queue.length - 1 - Math.floor(this.#random() * 3));
      queue.splice(at, 0, bytes);
      return;
    }
    queue.push(bytes);
  }
}
