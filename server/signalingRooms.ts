// Room bookkeeping for the signaling relay: which peer ids are in which room, and the
// member value (a live socket on the server) each stands for. Pure: no I/O, no timers.

export type JoinResult<M> =
  /** Joined; `others` are the members that were already there (id → member). */
  | { ok: true; others: Map<string, M> }
  | { ok: false; reason: 'room-full' | 'peer-taken' };

export class SignalingRooms<M> {
  readonly #rooms = new Map<string, Map<string, M>>();
  readonly #maxPeersPerRoom: number;

  constructor(maxPeersPerRoom: number) {
    this.#maxPeersPerRoom = maxPeersPerRoom;
  }

  /** Adds `peer` to `room` (creating the room) unless the id is taken or the room is full. */
  join(room: string, peer: string, member: M): JoinResult<M> {
    const members = this.#rooms.get(room);
    if (members?.has(peer)) return { ok: false, reason: 'peer-taken' };
    if (members && members.size >= this.#maxPeersPerRoom) return { ok: false, reason: 'room-full' };
    const others = new Map(members);
    if (members) members.set(peer, member);
    else this.#rooms.set(room, new Map([[peer, member]]));
    return { ok: true, others };
  }

  /** Removes `peer` from `room` (deleting the room once empty); returns the members left. */
  leave(room: string, peer: string): Map<string, M> {
    const members = this.#rooms.get(room);
    if (!members?.delete(peer)) return new Map();
    if (members.size === 0) this.#rooms.delete(room);
    return new Map(members);
  }

  /** The member `peer` of `room`, if present. */
  member(room: string, peer: string): M | undefined {
    return this.#rooms.get(room)?.get(peer);
  }

  /** Every member of `room` except `peer`. */
  others(room: string, peer: string): M[] {
    const members = this.#rooms.get(room);
    if (!members) return [];
    return [...members].filter(([id]) => id !== peer).map(([, member]) => member);
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  get peerCount(): number {
    let count = 0;
    for (const members of this.#rooms.values()) count += members.size;
    return count;
  }
}
