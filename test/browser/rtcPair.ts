// Two RTCPeerConnections in one page, signalled in memory (offer, answer and trickled ICE
// candidates handed straight across), with one reliable ordered DataChannel between them.
// iceServers: [] — loopback host candidates are enough.

export interface RtcPair {
  pcA: RTCPeerConnection;
  pcB: RTCPeerConnection;
  dcA: RTCDataChannel;
  dcB: RTCDataChannel;
  close(): void;
}

function opened(dc: RTCDataChannel): Promise<void> {
  if (dc.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    dc.addEventListener('open', () => resolve(), { once: true });
    dc.addEventListener('error', () => reject(new Error('DataChannel error before open')), { once: true });
  });
}

export async function connectPair(label = 'automerge'): Promise<RtcPair> {
  const pcA = new RTCPeerConnection({ iceServers: [] });
  const pcB = new RTCPeerConnection({ iceServers: [] });
  let remoteSetOnA!: () => void;
  let remoteSetOnB!: () => void;
  const aReady = new Promise<void>((resolve) => (remoteSetOnA = resolve));
  const bReady = new Promise<void>((resolve) => (remoteSetOnB = resolve));
  pcA.onicecandidate = ({ candidate }) => {
    if (candidate) void bReady.then(() => pcB.addIceCandidate(candidate)).catch(() => undefined);
  };
  pcB.onicecandidate = ({ candidate }) => {
    if (candidate) void aReady.then(() => pcA.addIceCandidate(candidate)).catch(() => undefined);
  };
  const dcBPromise = new Promise<RTCDataChannel>((resolve) => {
    pcB.ondatachannel = ({ channel }) => resolve(channel);
  });
  const dcA = pcA.createDataChannel(label, { ordered: true });

  await pcA.setLocalDescription(await pcA.createOffer());
  await pcB.setRemoteDescription(pcA.localDescription as RTCSessionDescription);
  remoteSetOnB();
  await pcB.setLocalDescription(await pcB.createAnswer());
  await pcA.setRemoteDescription(pcB.localDescription as RTCSessionDescription);
  remoteSetOnA();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no DataChannel after 10 s: ice ${pcA.iceConnectionState}/${pcB.iceConnectionState}, dc ${dcA.readyState}`)),
      10_000,
    );
  });
  try {
    await Promise.race([Promise.all([dcBPromise.then(opened), opened(dcA)]), timeout]);
  } finally {
    clearTimeout(timer);
  }
  const dcB = await dcBPromise;
  return {
    pcA,
    pcB,
    dcA,
    dcB,
    close() {
      pcA.close();
      pcB.close();
    },
  };
}
