// The capture worklet in Node, with a stand-in AudioWorkletGlobalScope: 48 kHz input in
// 128-sample render quanta, as Chromium calls process(); events and frames on its ports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { espeakAvailable, speak } from '../../../scripts/lib/espeak.ts';
import { Resampler } from '../../../src/features/voice/capture/resample.ts';

type Processor = { process(inputs: Float32Array[][]): boolean };
let Capture: new () => Processor;
const ports: MessagePort[] = [];

beforeAll(async () => {
  const scope = globalThis as Record<string, unknown>;
  scope.sampleRate = 48_000;
  scope.AudioWorkletProcessor = class {
    readonly port: MessagePort;
    constructor() {
      const { port1, port2 } = new MessageChannel();
      this.port = port1;
      ports.push(port2);
    }
  };
  scope.registerProcessor = (name: string, processor: new () => Processor) => {
    expect(name).toBe('jarvis-capture');
    Capture = processor;
  };
  await import('../../../src/features/voice/capture/capture.worklet.ts');
});
afterAll(() => {
  for (const port of ports) port.close();
});

/** Collects what a port receives until `until` returns true (or the timeout). */
function collect(port: MessagePort, until: (all: unknown[]) => boolean, timeoutMs = 5000): Promise<unknown[]> {
  const all: unknown[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(all), timeoutMs);
    port.on('message', (message) => {
      all.push(message);
      if (until(all)) {
        clearTimeout(timer);
        resolve(all);
      }
    });
  });
}

function feed(processor: Processor, audio48k: Float32Array): void {
  for (let i = 0; i + 128 <= audio48k.length; i += 128) processor.process([[audio48k.subarray(i, i + 128)]]);
}

describe.skipIf(!espeakAvailable())('capture worklet', () => {
  it('48 kHz in → 80 ms frames at 16 kHz, levels, and one utterance with pre-roll when listening', async () => {
    const speech16k = speak('what time is it', { leadSilenceS: 1, tailSilenceS: 1.5 }).samples;
    const up = new Resampler(16_000, 48_000);
    const a = up.push(speech16k);
    const b = up.flush();
    const speech48k = new Float32Array(a.length + b.length);
    speech48k.set(a);
    speech48k.set(b, a.length);

    const processor = new Capture();
    const control = ports.at(-1)!;
    const frames = new MessageChannel();
    // What the main thread sends (microphone.ts): a frames port, levels on, listen.
    control.postMessage({ type: 'frames', port: frames.port1 }, [frames.port1]);
    control.postMessage({ type: 'levels', enabled: true });
    control.postMessage({ type: 'listen' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the commands arrive

    const events = collect(control, (all) => all.some((m) => (m as { type: string }).type === 'utterance'));
    const expectedFrames = Math.floor(speech16k.length / 1280) - 1;
    const gotFrames = collect(frames.port2, (all) => all.length >= expectedFrames);
    feed(processor, speech48k);

    const received = (await events) as { type: string; rms?: number; samples?: Float32Array }[];
    const types = received.map((m) => m.type).filter((t) => t !== 'level');
    expect(types).toEqual(['speech-start', 'utterance']);
    const levels = received.filter((m) => m.type === 'level');
    expect(levels.length).toBeGreaterThan(20);
    expect(Math.max(...levels.map((m) => m.rms!))).toBeGreaterThan(0.02);
    const utterance = received.find((m) => m.type === 'utterance')!.samples!;
    expect(utterance).toBeInstanceOf(Float32Array);
    // pre-roll (~0.5 s) + "what time is it" (~0.9 s) + ~0.8 s of silence
    expect(utterance.length / 16_000).toBeGreaterThan(1.8);
    expect(utterance.length / 16_000).toBeLessThan(3);

    const frameList = (await gotFrames) as Float32Array[];
    expect(frameList.length).toBeGreaterThanOrEqual(expectedFrames);
    for (const frame of frameList) expect(frame.length).toBe(1280);
    frames.port2.close();
  });

  it('stop before any speech answers "stopped"', async () => {
    const processor = new Capture();
    const control = ports.at(-1)!;
    const events = collect(control, (all) => all.length > 0);
    control.postMessage({ type: 'listen' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    feed(processor, new Float32Array(48_000));
    control.postMessage({ type: 'stop' });
    expect(await events).toEqual([{ type: 'stopped' }]);
  });
});
