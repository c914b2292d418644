import { describe, expect, it } from 'vitest';
import { MicrophoneError, microphoneErrorFrom, microphoneSupported, openMicrophone } from '../../../src/features/voice/capture/microphone.ts';

describe('microphone errors in plain words', () => {
  it('maps getUserMedia failures to codes and messages', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(microphoneErrorFrom(named('NotAllowedError'))).toMatchObject({ code: 'denied', message: expect.stringMatching(/^Microphone access was refused/) });
    expect(microphoneErrorFrom(named('SecurityError')).code).toBe('denied');
    expect(microphoneErrorFrom(named('NotFoundError'))).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^No microphone was found/) });
    expect(microphoneErrorFrom(named('NotReadableError')).code).toBe('busy');
    const other = microphoneErrorFrom(new Error('boom'));
    expect(other.code).toBe('failed');
    expect(other.message).toContain('boom');
    expect(other).toBeInstanceOf(MicrophoneError);
  });

  it('without navigator.mediaDevices (plain HTTP, or Node) it says it needs HTTPS or localhost', async () => {
    expect(microphoneSupported()).toBe(false);
    await expect(openMicrophone()).rejects.toMatchObject({
      code: 'unsupported',
      message: 'This browser cannot record audio here (it needs HTTPS or localhost).',
    });
  });
});
