// "Hey Jarvis": while the wake word is on (Settings, licence accepted) and the battery mode
// allows it, the microphone's 16 kHz frames go straight from the AudioWorklet to the
// wake-word worker over a MessagePort (never through this thread); a detection starts a
// voice command as the mic button would.
import { battery } from '../../lib/battery/battery.svelte.ts';
import { effects } from '../../lib/battery/policy.ts';
import { logSystem } from '../../lib/systemLog.svelte.ts';
import { wakeWordWorker } from '../../lib/wakeWord.ts';
import { Comlink } from '../../lib/workerBridge.ts';
import { acquireMicrophone, releaseMicrophone } from './sharedMicrophone.ts';
import { startVoiceInput, voiceBusy } from './voiceInput.svelte.ts';
import { voiceSettings } from './voiceSettings.svelte.ts';

export type WakeWordState = 'off' | 'starting' | 'listening' | 'paused-battery' | 'error';

export const wakeWord = $state({
  state: 'off' as WakeWordState,
  message: '',
  detections: 0,
});

/** What the settings and the battery call for now. */
export function wakeWordWanted(): 'on' | 'off' | 'battery' {
  if (!voiceSettings.wakeWord || !voiceSettings.wakeWordLicenceAccepted) return 'off';
  return effects(battery.mode).wakeWord ? 'on' : 'battery';
}

/** Bumped by every stop: a start still loading when the wake word was turned off gives up. */
let generation = 0;

async function start(): Promise<void> {
  const mine = ++generation;
  wakeWord.state = 'starting';
  wakeWord.message = '';
  try {
    const api = await wakeWordWorker.api();
    await api.load();
    const microphone = await acquireMicrophone('wake');
    if (mine !== generation) {
      releaseMicrophone('wake'); // turned off while the microphone opened
      return;
    }
    const { port1, port2 } = new MessageChannel();
    microphone.connectFrames(port1);
    await api.listen(
      Comlink.transfer(port2, [port2]),
      Comlink.proxy(() => void onDetect()),
    );
    wakeWord.state = 'listening';
  } catch (error) {
    if (mine !== generation) return;
    wakeWord.state = 'error';
    wakeWord.message = `The wake word could not start: ${error instanceof Error ? error.message : String(error)}`;
    logSystem('voice', wakeWord.message, 'error');
    stop();
  }
}

function stop(): void {
  generation++;
  releaseMicrophone('wake');
  // Terminating frees the models' memory; the next start loads them again (cached).
  wakeWordWorker.terminate();
}

function onDetect(): void {
  wakeWord.detections++;
  if (!voiceBusy()) void startVoiceInput();
}

/**
 * Brings the listener in line with what is wanted (the app shell calls it from an $effect
 * on the settings and the battery mode, reading `wakeWord.state` untracked).
 */
export function followWakeWordSettings(wanted: ReturnType<typeof wakeWordWanted>): void {
  if (wanted === 'on') {
    if (wakeWord.state === 'off' || wakeWord.state === 'paused-battery') void start();
    return;
  }
  if (wakeWord.state === 'starting' || wakeWord.state === 'listening' || wakeWord.state === 'error') stop();
  wakeWord.state = wanted === 'battery' ? 'paused-battery' : 'off';
  wakeWord.message = wanted === 'battery' ? 'The wake word is off while battery saver is on.' : '';
}
