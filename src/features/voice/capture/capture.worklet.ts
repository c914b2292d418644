// The microphone's AudioWorkletProcessor (audio thread): mixes to mono, resamples to 16 kHz,
// cuts 1280-sample (80 ms) frames and runs the endpointer on them, so the main thread only
// hears events. Raw frames go only to whoever asked: ports handed over with {type:'frames'}
// (the wake-word worker reads them directly, without the main thread) or the node's own port
// after {type:'raw', enabled:true}.
//
// In:  {type:'listen', options?} · {type:'stop'} (finish now: the speech so far, or 'stopped')
//      {type:'cancel'} · {type:'levels', enabled} · {type:'raw', enabled} · {type:'frames', port}
// Out: {type:'level', rms} (per frame, while levels are on) · {type:'speech-start'}
//      {type:'utterance', samples, reason} (transferred) · {type:'no-speech'} · {type:'stopped'}
//      {type:'frame', samples} (while raw is on) · on a frames port: Float32Array frames.
import { Endpointer, rmsOf, type EndpointerOptions } from './endpointer.ts';
import { Framer, mixToMono, Resampler, TARGET_RATE } from './resample.ts';

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options?: unknown) => AudioWorkletProcessor): void;

export const FRAME_SAMPLES = 1280;

export type WorkletCommand =
  | { type: 'listen'; options?: EndpointerOptions }
  | { type: 'stop' }
  | { type: 'cancel' }
  | { type: 'levels'; enabled: boolean }
  | { type: 'raw'; enabled: boolean }
  | { type: 'frames'; port: MessagePort };

export type WorkletEvent =
  | { type: 'level'; rms: number }
  | { type: 'speech-start' }
  | { type: 'utterance'; samples: Float32Array; reason: 'silence' | 'max-length' | 'end-of-input' }
  | { type: 'no-speech' }
  | { type: 'stopped' }
  | { type: 'frame'; samples: Float32Array };

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler = new Resampler(sampleRate, TARGET_RATE);
  private readonly framer = new Framer(FRAME_SAMPLES);
  private readonly endpointer = new Endpointer();
  private readonly framePorts: MessagePort[] = [];
  private levels = false;
  private raw = false;

  constructor() {
    super();
    this.endpointer.stop(); // idle until asked to listen (the noise floor still learns)
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => this.command(event.data);
  }

  private command(message: WorkletCommand): void {
    switch (message.type) {
      case 'listen':
        this.endpointer.reset(message.options);
        break;
      case 'stop': {
        const [done] = this.endpointer.finish();
        if (done) this.post(done);
        else if (this.endpointer.state !== 'done') {
          this.endpointer.stop();
          this.post({ type: 'stopped' });
        }
        break;
      }
      case 'cancel':
        this.endpointer.stop();
        break;
      case 'levels':
        this.levels = message.enabled;
        break;
      case 'raw':
        this.raw = message.enabled;
        break;
      case 'frames':
        message.port.onmessage = (event: MessageEvent<unknown>) => {
          // The consumer says it is done with the port.
          if ((event.data as { type?: string } | null)?.type === 'close') this.dropPort(message.port);
        };
        this.framePorts.push(message.port);
        break;
    }
  }

  private dropPort(port: MessagePort): void {
    const at = this.framePorts.indexOf(port);
    if (at >= 0) this.framePorts.splice(at, 1);
    port.close();
  }

  private post(event: WorkletEvent): void {
    if (event.type === 'utterance' || event.type === 'frame') this.port.postMessage(event, [event.samples.buffer]);
    else this.port.postMessage(event);
  }

  private onFrame(frame: Float32Array): void {
    if (this.levels) this.post({ type: 'level', rms: rmsOf(frame) });
    for (const event of this.endpointer.push(frame)) this.post(event);
    // Every consumer but the last gets a copy; the last gets the frame itself (transferred).
    const consumers = this.framePorts.length + (this.raw ? 1 : 0);
    let left = consumers;
    for (const port of this.framePorts) {
      const samples = --left === 0 ? frame : frame.slice();
      port.postMessage(samples, [samples.buffer]);
    }
    if (this.raw) this.post({ type: 'frame', samples: frame });
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (input && input.length > 0 && input[0].length > 0) {
      const samples = this.resampler.push(mixToMono(input));
      this.framer.push(samples, (frame) => this.onFrame(frame));
    }
    return true; // keep running until the node is disconnected and closed
  }
}

registerProcessor('jarvis-capture', CaptureProcessor);
