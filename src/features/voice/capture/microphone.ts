// The microphone on the main thread, as a thin adapter: getUserMedia → AudioContext →
// the capture worklet (capture.worklet.ts), which resamples to 16 kHz and finds utterances
// itself; this side only turns its events into promises and callbacks.
//
// The worklet is bundled by Vite as its own file (`?worker&url`) and loaded from this
// origin: the CSP (src/lib/csp.ts) allows no other way for script-src.
import captureWorkletUrl from './capture.worklet.ts?worker&url';
import type { EndpointerOptions } from './endpointer.ts';
import type { WorkletCommand, WorkletEvent } from './capture.worklet.ts';

export type MicrophoneErrorCode = 'unsupported' | 'denied' | 'not-found' | 'busy' | 'failed';

const MESSAGES: Record<MicrophoneErrorCode, string> = {
  unsupported: 'This browser cannot record audio here (it needs HTTPS or localhost).',
  denied: 'Microphone access was refused. Allow the microphone for this site in the browser’s settings, then try again.',
  'not-found': 'No microphone was found. Connect one and try again.',
  busy: 'The microphone could not be started: another app may be using it.',
  failed: 'The microphone could not be started.',
};

/** Why the microphone could not be used, in plain words; `code` lets the UI offer the other engine. */
export class MicrophoneError extends Error {
  readonly code: MicrophoneErrorCode;

  constructor(code: MicrophoneErrorCode, detail?: string) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'MicrophoneError';
    this.code = code;
  }
}

/** getUserMedia's DOMException names → our codes. */
export function microphoneErrorFrom(error: unknown): MicrophoneError {
  if (error instanceof MicrophoneError) return error;
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new MicrophoneError('denied');
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return new MicrophoneError('not-found');
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return new MicrophoneError('busy');
    default:
      return new MicrophoneError('failed', error instanceof Error ? error.message : String(error));
  }
}

/** Whether this page can record at all (a secure context with mediaDevices and AudioWorklet). */
export function microphoneSupported(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    typeof AudioContext !== 'undefined' &&
    typeof AudioWorkletNode !== 'undefined'
  );
}

export type ListenOptions = EndpointerOptions;
export type ListenResult = { samples: Float32Array } | { reason: 'no-speech' | 'stopped' };

export interface Microphone {
  /** The AudioContext's rate (what the worklet resamples from). */
  readonly sampleRate: number;
  /**
   * One utterance: 16 kHz mono with ~0.5 s from before the speech started. Resolves with
   * {reason:'no-speech'} when nobody speaks before the timeout, {reason:'stopped'} when
   * stopListening() came before any speech. One listen at a time (a new one cancels the old).
   */
  listen(options?: ListenOptions): Promise<ListenResult>;
  /** Finish now: the speech so far, or 'stopped' when none started. */
  stopListening(): void;
  /** The level of each 80 ms frame (RMS, 0..1); returns the unsubscribe. */
  onLevel(callback: (rms: number) => void): () => void;
  /** Called when the current listen() hears speech start; returns the unsubscribe. */
  onSpeechStart(callback: () => void): () => void;
  /** Every 16 kHz frame (Float32Array, 1280 samples) is also posted to `port`, straight from the audio thread. */
  connectFrames(port: MessagePort): void;
  close(): Promise<void>;
}

export async function openMicrophone(): Promise<Microphone> {
  if (!microphoneSupported()) throw new MicrophoneError('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    throw microphoneErrorFrom(error);
  }
  const context = new AudioContext({ latencyHint: 'interactive' });
  let node: AudioWorkletNode;
  let source: MediaStreamAudioSourceNode;
  try {
    await context.audioWorklet.addModule(captureWorkletUrl);
    source = context.createMediaStreamSource(stream);
    node = new AudioWorkletNode(context, 'jarvis-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
    });
    source.connect(node);
    // The node writes silence; being connected to the destination keeps it processing.
    node.connect(context.destination);
    if (context.state !== 'running') await context.resume();
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    await context.close().catch(() => {});
    throw new MicrophoneError('failed', `the audio processor did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return adapt(context, stream, source, node);
}

function adapt(context: AudioContext, stream: MediaStream, source: MediaStreamAudioSourceNode, node: AudioWorkletNode): Microphone {
  const levelListeners = new Set<(rms: number) => void>();
  const startListeners = new Set<() => void>();
  let pending: ((result: ListenResult) => void) | null = null;
  let closed = false;

  const send = (command: WorkletCommand, transfer: Transferable[] = []) => node.port.postMessage(command, transfer);
  const settle = (result: ListenResult) => {
    const resolve = pending;
    pending = null;
    resolve?.(result);
  };

  node.port.onmessage = (event: MessageEvent<WorkletEvent>) => {
    const message = event.data;
    switch (message.type) {
      case 'level':
        for (const listener of levelListeners) listener(message.rms);
        break;
      case 'speech-start':
        for (const listener of startListeners) listener();
        break;
      case 'utterance':
        settle({ samples: message.samples });
        break;
      case 'no-speech':
        settle({ reason: 'no-speech' });
        break;
      case 'stopped':
        settle({ reason: 'stopped' });
        break;
    }
  };

  // The stream can end on its own (device unplugged, permission revoked).
  for (const track of stream.getAudioTracks()) track.addEventListener('ended', () => settle({ reason: 'stopped' }));

  return {
    sampleRate: context.sampleRate,
    listen(options) {
      if (closed) return Promise.resolve({ reason: 'stopped' });
      settle({ reason: 'stopped' });
      return new Promise<ListenResult>((resolve) => {
        pending = resolve;
        send({ type: 'listen', options });
      });
    },
    stopListening() {
      if (!pending) return;
      send({ type: 'stop' });
    },
    onLevel(callback) {
      levelListeners.add(callback);
      if (levelListeners.size === 1) send({ type: 'levels', enabled: true });
      return () => {
        levelListeners.delete(callback);
        if (levelListeners.size === 0 && !closed) send({ type: 'levels', enabled: false });
      };
    },
    onSpeechStart(callback) {
      startListeners.add(callback);
      return () => startListeners.delete(callback);
    },
    connectFrames(port) {
      send({ type: 'frames', port }, [port]);
    },
    async close() {
      if (closed) return;
      closed = true;
      send({ type: 'cancel' });
      settle({ reason: 'stopped' });
      node.port.onmessage = null;
      source.disconnect();
      node.disconnect();
      for (const track of stream.getTracks()) track.stop();
      await context.close().catch(() => {});
    },
  };
}
