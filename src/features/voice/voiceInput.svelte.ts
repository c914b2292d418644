// One voice command, start to finish: the mic button (or the wake word) starts it, an engine
// hears one utterance, and the text goes to the assistant like a typed message.
//   on-device   microphone → AudioWorklet (16 kHz, endpointing) → whisper in the inference worker
//   web-speech  the browser's SpeechRecognition (opt-in: audio goes to the vendor's service)
// When an engine is missing or fails, the error says why and offers the other one.
import { inference } from '../../lib/inference.svelte.ts';
import { Comlink } from '../../lib/workerBridge.ts';
import { send } from '../assistant/conversation.svelte.ts';
import { MicrophoneError, microphoneSupported } from './capture/microphone.ts';
import { acquireMicrophone, releaseMicrophone } from './sharedMicrophone.ts';
import { stopSpeaking } from './spokenReplies.ts';
import { recognizeOnce, webSpeechSupported, WebSpeechError, type WebSpeechSession } from './webSpeech.ts';
import { updateVoiceSettings, voiceSettings, whisperLanguage, type VoiceEngine } from './voiceSettings.svelte.ts';

export type VoicePhase = 'idle' | 'opening' | 'listening' | 'transcribing';

export const voiceInput = $state({
  phase: 'idle' as VoicePhase,
  /** The engine of the command under way (or of the last one). */
  engine: voiceSettings.engine as VoiceEngine,
  /** Web Speech's live text; on-device: the transcript once it is known. */
  interim: '',
  /** Microphone level 0..1 while listening on-device (the meter). */
  level: 0,
  /** The last failure in plain words, and the other engine to offer (null: nothing to offer). */
  error: null as { message: string; offer: VoiceEngine | null } | null,
  /** Web Speech was chosen but the user has not yet agreed to send audio to the vendor. */
  needsConsent: false,
});

/** Whether an engine can run in this browser at all. */
export function engineAvailable(engine: VoiceEngine): boolean {
  return engine === 'web-speech' ? webSpeechSupported() : microphoneSupported();
}

function otherEngine(engine: VoiceEngine): VoiceEngine | null {
  const other: VoiceEngine = engine === 'on-device' ? 'web-speech' : 'on-device';
  return engineAvailable(other) ? other : null;
}

let stopCurrent: (() => void) | null = null;

export function voiceBusy(): boolean {
  return voiceInput.phase !== 'idle';
}

/** The mic button: starts listening, or, while listening, finishes now. */
export function toggleVoiceInput(): void {
  if (voiceInput.phase === 'listening' || voiceInput.phase === 'opening') stopCurrent?.();
  else if (voiceInput.phase === 'idle') void startVoiceInput();
}

/** Switches engine (the "use the other one" offer, or Settings) and starts listening with it. */
export function switchEngine(engine: VoiceEngine): void {
  voiceInput.error = null;
  if (engine === 'web-speech' && !voiceSettings.webSpeechConsent) {
    voiceInput.needsConsent = true;
    return;
  }
  updateVoiceSettings({ engine });
  void startVoiceInput();
}

/** The user agreed that Web Speech sends audio to the browser vendor. */
export function consentToWebSpeech(): void {
  voiceInput.needsConsent = false;
  updateVoiceSettings({ engine: 'web-speech', webSpeechConsent: true });
  void startVoiceInput();
}

export function declineWebSpeech(): void {
  voiceInput.needsConsent = false;
}

export async function startVoiceInput(): Promise<void> {
  if (voiceBusy()) return;
  const engine = voiceSettings.engine;
  voiceInput.engine = engine;
  voiceInput.error = null;
  voiceInput.interim = '';
  voiceInput.needsConsent = false;
  stopSpeaking(); // Jarvis should not hear itself
  if (!engineAvailable(engine)) {
    fail(engine, engine === 'web-speech' ? new WebSpeechError('unsupported') : new MicrophoneError('unsupported'));
    return;
  }
  try {
    const text = engine === 'web-speech' ? await listenWithWebSpeech() : await listenOnDevice();
    if (text === null) return; // stopped, or nothing heard (already explained)
    if (!text.trim()) {
      voiceInput.error = { message: 'I could not make out any words. Try again, a little slower.', offer: null };
      return;
    }
    voiceInput.interim = text;
    await send(text);
  } catch (error) {
    fail(engine, error);
  } finally {
    voiceInput.phase = 'idle';
    voiceInput.level = 0;
    stopCurrent = null;
  }
}

function fail(engine: VoiceEngine, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  voiceInput.error = { message, offer: otherEngine(engine) };
}

async function listenWithWebSpeech(): Promise<string | null> {
  if (!voiceSettings.webSpeechConsent) {
    voiceInput.needsConsent = true;
    return null;
  }
  voiceInput.phase = 'listening';
  const session: WebSpeechSession = recognizeOnce({ language: voiceSettings.language, onInterim: (text) => (voiceInput.interim = text) });
  stopCurrent = () => session.stop();
  try {
    return await session.result;
  } catch (error) {
    if (error instanceof WebSpeechError && error.code === 'no-speech') {
      voiceInput.error = { message: error.message, offer: null };
      return null;
    }
    throw error;
  }
}

async function listenOnDevice(): Promise<string | null> {
  voiceInput.phase = 'opening';
  // The speech model loads while the user speaks (its progress shows under the composer).
  const api = inference();
  const warm = api.then((a) => a.warmUpSpeech());
  warm.catch(() => {}); // reported when transcribing
  const microphone = await acquireMicrophone('command');
  try {
    voiceInput.phase = 'listening';
    const stopLevel = microphone.onLevel((rms) => (voiceInput.level = Math.min(1, rms * 8)));
    stopCurrent = () => microphone.stopListening();
    const heard = await microphone.listen().finally(stopLevel);
    if ('reason' in heard) {
      if (heard.reason === 'no-speech') voiceInput.error = { message: 'I did not hear anything. Try again, a little closer to the microphone.', offer: null };
      return null;
    }
    voiceInput.phase = 'transcribing';
    stopCurrent = null;
    await warm;
    const samples = heard.samples;
    const { text } = await (await api).transcribe(Comlink.transfer(samples, [samples.buffer]), { language: whisperLanguage(voiceSettings.language) });
    return text;
  } finally {
    releaseMicrophone('command');
  }
}
