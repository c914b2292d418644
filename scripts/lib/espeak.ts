// Synthetic speech for voice tests and the benchmark: espeak-ng (Debian's, from apt) speaks,
// sox turns it into 16 kHz mono 16-bit PCM with silence around it (whisper-tiny drops the
// first words when speech starts at sample 0). Nothing is downloaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SAMPLE_RATE = 16_000;

export interface SpeakOptions {
  /** An espeak-ng voice, e.g. 'en-us', 'en-gb', 'en-us+f3'. */
  voice?: string;
  /** Words per minute. */
  wpm?: number;
  /** espeak-ng pitch, 0–99. */
  pitch?: number;
  /** Seconds of silence before and after the speech. */
  leadSilenceS?: number;
  tailSilenceS?: number;
}

export interface Speech {
  /** A complete RIFF/WAVE file: 16 kHz, mono, signed 16-bit. */
  wav: Buffer;
  /** The same audio as floats in [-1, 1]. */
  samples: Float32Array;
}

/** True when both espeak-ng and sox are installed (tests say so plainly when not). */
export function espeakAvailable(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function speak(text: string, options: SpeakOptions = {}): Speech {
  const { voice = 'en-us', wpm = 150, pitch = 50, leadSilenceS = 0.5, tailSilenceS = 0.5 } = options;
  const dir = mkdtempSync(join(tmpdir(), 'jarvis-espeak-'));
  try {
    const raw = join(dir, 'raw.wav');
    const out = join(dir, 'out.wav');
    execFileSync('espeak-ng', ['-v', voice, '-s', String(wpm), '-p', String(pitch), '-w', raw, text]);
    // --no-dither: sox otherwise adds random dither, and the same text would give different
    // audio (and sometimes a different transcript) on every run.
    execFileSync('sox', ['--no-dither', raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', out, 'pad', String(leadSilenceS), String(tailSilenceS)]);
    const wav = readFileSync(out);
    return { wav, samples: decodeWav(wav).samples };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a PCM16 WAV (the kind `speak` and `encodeWav` write), mixing channels down to mono. */
export function decodeWav(wav: Buffer): { sampleRate: number; samples: Float32Array } {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let channels = 1;
  let sampleRate = SAMPLE_RATE;
  let bits = 16;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = wav.readUInt16LE(body + 2);
      sampleRate = wav.readUInt32LE(body + 4);
      bits = wav.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`only 16-bit WAV is read here, not ${bits}-bit`);
      // sox may leave the size field at its maximum when writing to a pipe: clamp to the file.
      const end = Math.min(wav.length, body + size);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += wav.readInt16LE(body + 2 * (i * channels + c));
        samples[i] = sum / channels / 32768;
      }
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

/** A 16-bit mono WAV file from float samples. */
export function encodeWav(samples: Float32Array, sampleRate = SAMPLE_RATE): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), 2 * i);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** One clip after another (tests build streams of speech, silence and noise). */
export function concatSamples(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
