// One microphone for the whole page: the wake word keeps it open while it listens, and a
// voice command borrows the same stream (opening a second one would ask again and waste
// battery). It closes when nobody holds it.
import { openMicrophone, type Microphone } from './capture/microphone.ts';

export type MicrophoneHolder = 'command' | 'wake';

let opening: Promise<Microphone> | null = null;
const holders = new Set<MicrophoneHolder>();

export async function acquireMicrophone(holder: MicrophoneHolder): Promise<Microphone> {
  holders.add(holder);
  opening ??= openMicrophone();
  try {
    return await opening;
  } catch (error) {
    holders.delete(holder);
    opening = null;
    throw error;
  }
}

export function releaseMicrophone(holder: MicrophoneHolder): void {
  holders.delete(holder);
  if (holders.size > 0 || !opening) return;
  const closing = opening;
  opening = null;
  void closing.then((microphone) => microphone.close(), () => {});
}
