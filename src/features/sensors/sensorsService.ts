// The sensors as the assistant sees them: which work, and one recording at a time started
// or stopped by name ("start recording motion at 20 hz").
import type { SensorsService } from '../assistant/services.ts';
import { activeRecorder, recorder, startRecorder } from './recorder.svelte.ts';
import { SOURCES, sourceByKind } from './sources/index.ts';
import type { Availability, SensorKind } from './types.ts';

/** The assistant's sensor words (workers/assistant/slots.ts) → sources. */
const BY_WORD: Record<string, SensorKind> = {
  motion: 'motion',
  orientation: 'orientation',
  geolocation: 'geolocation',
  light: 'light',
};

function describe(availability: Availability): string {
  switch (availability.state) {
    case 'available':
      return 'available';
    case 'needs-permission':
      return 'needs your permission (open Sensors and tap Allow)';
    case 'denied':
      return `permission denied. ${availability.help}`;
    case 'unavailable':
      return 'not available on this device';
  }
}

export const sensorsService: SensorsService = {
  async status() {
    return Promise.all(SOURCES.map(async (source) => ({ label: source.label, state: describe(await source.availability()) })));
  },
  async start(words, rateHz) {
    const kinds = [...new Set(words.map((word) => BY_WORD[word]).filter(Boolean))];
    if (kinds.length === 0) throw new Error(`I do not know the sensor “${words.join(', ')}”. Try motion, orientation, light or location.`);
    const sources = [];
    for (const kind of kinds) {
      const source = sourceByKind(kind)!;
      const availability = await source.availability();
      if (availability.state !== 'available') throw new Error(`${source.label} is ${describe(availability)}.`);
      sources.push(source);
    }
    if (activeRecorder()) throw new Error('a recording is already running; stop it first.');
    await startRecorder({ sources, rateHz });
    return { labels: sources.map((s) => s.label), rateHz: recorder.rateHz, requestedHz: recorder.requestedHz };
  },
  async stop() {
    const running = activeRecorder();
    if (!running) return null;
    const view = await running.stop();
    return { samples: view.samples, seconds: ((view.ended ?? Date.now()) - view.started) / 1000 };
  },
};
