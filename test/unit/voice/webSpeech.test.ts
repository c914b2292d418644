// The Web Speech engine against a scripted SpeechRecognition (the browser's needs a network
// service): interim text, the final text, each error in plain words, and stop().
import { afterEach, describe, expect, it } from 'vitest';
import { recognizeOnce, webSpeechMessage, webSpeechSupported, WebSpeechError } from '../../../src/features/voice/webSpeech.ts';

type Step = { interim?: string; final?: string; error?: string };

/** A SpeechRecognition that plays `script` after start(), then ends. */
function install(script: Step[]) {
  const created: FakeRecognition[] = [];
  class FakeRecognition extends EventTarget {
    lang = '';
    interimResults = false;
    continuous = false;
    maxAlternatives = 1;
    stopped = false;
    constructor() {
      super();
      created.push(this);
    }
    start() {
      queueMicrotask(() => {
        const results: { isFinal: boolean; 0: { transcript: string } }[] = [];
        for (const step of script) {
          if (this.stopped) break;
          if (step.error) {
            this.dispatchEvent(Object.assign(new Event('error'), { error: step.error }));
            break;
          }
          const resultIndex = results.length;
          if (results.length && !results.at(-1)!.isFinal) results.pop();
          results.push({ isFinal: step.final !== undefined, 0: { transcript: step.final ?? step.interim ?? '' } });
          this.dispatchEvent(Object.assign(new Event('result'), { results, resultIndex: Math.min(resultIndex, results.length - 1) }));
        }
        this.dispatchEvent(new Event('end'));
      });
    }
    stop() {
      this.stopped = true;
    }
    abort() {
      this.stopped = true;
    }
  }
  (globalThis as Record<string, unknown>).webkitSpeechRecognition = FakeRecognition;
  return created;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).webkitSpeechRecognition;
});

describe('Web Speech engine', () => {
  it('is missing when the browser has no SpeechRecognition', async () => {
    expect(webSpeechSupported()).toBe(false);
    await expect(recognizeOnce({ language: 'en-US', onInterim: () => {} }).result).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('shows interim text and resolves with the final text, in the chosen language', async () => {
    const created = install([{ interim: 'add a' }, { interim: 'add a note' }, { final: 'add a note buy milk' }]);
    const interim: string[] = [];
    const text = await recognizeOnce({ language: 'en-GB', onInterim: (t) => interim.push(t) }).result;
    expect(text).toBe('add a note buy milk');
    expect(interim).toEqual(['add a', 'add a note', 'add a note buy milk']);
    expect(created[0]).toMatchObject({ lang: 'en-GB', interimResults: true });
  });

  for (const code of ['not-allowed', 'audio-capture', 'network', 'no-speech'] as const) {
    it(`explains "${code}" in plain words`, async () => {
      install([{ error: code }]);
      const failure = await recognizeOnce({ language: 'en-US', onInterim: () => {} }).result.catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(WebSpeechError);
      expect((failure as WebSpeechError).code).toBe(code);
      expect((failure as WebSpeechError).message).toBe(webSpeechMessage(code));
      expect((failure as WebSpeechError).message).not.toMatch(/undefined|\[object/);
    });
  }

  it('messages differ per error and name the other engine where it helps', () => {
    const messages = ['not-allowed', 'audio-capture', 'network', 'no-speech'].map((c) => webSpeechMessage(c as 'network'));
    expect(new Set(messages).size).toBe(4);
    expect(webSpeechMessage('network')).toMatch(/On-device recognition works offline/);
    expect(webSpeechMessage('not-allowed')).toMatch(/on-device recognition/);
  });
});
