// A few devices linked by a fault-free LossyNetwork, for scenario tests on the fuzz's
// machinery: each pair linked and following each other's catalogues, as the sync manager does.
import { openFuzzDevice, type Device } from './device.ts';
import { LossyNetwork } from './lossyNetwork.ts';
import { mulberry32 } from '../../../../src/lib/random.ts';
import { quiesce } from './simulation.ts';

let meshes = 0;

export interface Mesh {
  devices: Device[];
  net: LossyNetwork;
  /** Delivers until every device holds the same documents (throws naming what differs). */
  settle: () => Promise<void>;
  close: () => Promise<void>;
}

/** `pairs`: which devices to link now (default: all); `link(i, j)` links more later. */
export async function openMesh(n: number, options: { seed?: number; pairs?: [number, number][]; follow?: boolean } = {}): Promise<Mesh & { link: (i: number, j: number) => void }> {
  const seed = options.seed ?? 1;
  const prefix = `mesh-${process.pid}-${++meshes}`;
  const devices: Device[] = [];
  for (let i = 0; i < n; i++) devices.push(await openFuzzDevice(`${prefix}-d${i}`));
  const net = new LossyNetwork(mulberry32(seed));
  const followed = new Set<string>();
  const link = (i: number, j: number) => {
    const [a, b] = net.connect(i, j);
    devices[i].adapter!.addChannel(a);
    devices[j].adapter!.addChannel(b);
    if (options.follow === false) return;
    for (const [x, y] of [[i, j], [j, i]]) {
      void devices[x].service.followCatalogue(devices[y].catalogueId).then(() => followed.add(`${x}>${y}`), () => undefined);
    }
  };
  const pairs = options.pairs ?? devices.flatMap((_, i) => devices.slice(i + 1).map((__, k) => [i, i + 1 + k] as [number, number]));
  for (const [i, j] of pairs) link(i, j);
  const mesh = {
    devices,
    net,
    link,
    settle: () => quiesce(devices, net, options.follow === false ? undefined : followed, seed, 30_000),
    close: async () => {
      for (const l of [...net.links.values()]) net.cut(l.a, l.b);
      for (const d of devices) await d.index.close();
    },
  };
  if (!options.pairs) await mesh.settle();
  return mesh;
}
