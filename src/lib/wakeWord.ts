// The page's handle on the wake-word worker (workers/wakeword/): started on first use,
// terminated to free its models (~6 MB of ONNX plus onnxruntime's wasm heap) when the wake
// word is turned off. Audio capture stays on the page: hand the worker a MessagePort that
// carries 16 kHz mono Float32Array frames of FRAME_SAMPLES (1280) samples, e.g.
//
//   const channel = new MessageChannel();
//   const api = await wakeWordWorker.api();
//   await api.listen(Comlink.transfer(channel.port2, [channel.port2]),
//     Comlink.proxy((d) => void startListening(d)));        // must return nothing
//   // worklet/capture side: channel.port1.postMessage(frame, [frame.buffer]);
//
// The models are CC BY-NC-SA 4.0 (openWakeWord): Settings says so before it can be turned on,
// and the battery policy turns it off in saver and critical (the worker drops frames then).
import type { WakeWordApi } from '../../workers/wakeword/api.ts';
import { createWorkerBridge } from './workerBridge.ts';

export { FRAME_SAMPLES, SAMPLE_RATE, WAKE_WORD_CACHE, type WakeWordApi, type WakeWordDetection } from '../../workers/wakeword/api.ts';

export const WAKE_WORD_LICENCE =
  'The "Hey Jarvis" models are openWakeWord\'s (by David Scripka), licensed CC BY-NC-SA 4.0: non-commercial use only.';

/** `wakeWordWorker.api()` starts the worker (once) and resolves to its comlink remote; `terminate()` stops it. */
export const wakeWordWorker = createWorkerBridge<WakeWordApi>(
  () => new Worker(new URL('../../workers/wakeword/wakeWord.worker.ts', import.meta.url), { type: 'module', name: 'wakeword' }),
  'wake-word',
);
