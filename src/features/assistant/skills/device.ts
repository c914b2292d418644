// battery.status, sensor.status, sensor.record.start / stop (through the sensors service),
// sync.share.
import type { Slots } from '../../../../workers/assistant/slots.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';

export async function batteryStatus(services: AssistantServices): Promise<Reply> {
  const { level, charging, mode, overridden } = await services.battery();
  const reading =
    level !== null && charging !== null
      ? `Battery at ${Math.round(level * 100)} %, ${charging ? 'charging' : 'not charging'}.`
      : 'This browser does not report the battery level.';
  if (mode === 'normal' && !overridden) return { intent: 'battery.status', text: reading };
  const chosen = overridden ? ' (chosen in Settings)' : '';
  const policy =
    mode === 'critical'
      ? `Critical battery mode is on${chosen}: background embedding and indexing stopped, recordings capped at 5 Hz, simulations on one thread, wake word off.`
      : mode === 'saver'
        ? `Battery saver is on${chosen}: background embedding paused, recordings capped at 10 Hz, simulations on one thread, wake word off.`
        : `Normal battery mode${chosen}.`;
  return { intent: 'battery.status', text: `${reading} ${policy}`, links: [{ label: 'Battery settings', href: '#/system/battery' }] };
}

export async function sensorStatus(services: AssistantServices): Promise<Reply> {
  const sources = await services.sensors.status();
  const working = sources.filter((s) => s.state === 'available').map((s) => s.label);
  const others = sources.filter((s) => s.state !== 'available').map((s) => `${s.label}: ${s.state}`);
  const text = working.length
    ? `Working now: ${working.join(', ')}.${others.length ? `\n${others.join('\n')}` : ''}`
    : `No sensor is available right now.${others.length ? `\n${others.join('\n')}` : ''}`;
  return { intent: 'sensor.status', text, links: [{ label: 'Sensors', href: '#/sensors' }] };
}

/** Default when the user names no rate: enough for motion, light on storage. */
const DEFAULT_RATE_HZ = 20;

export async function sensorRecordStart(slots: Slots, services: AssistantServices): Promise<Reply> {
  const sensors = slots.sensors?.length ? slots.sensors : ['motion'];
  try {
    const started = await services.sensors.start(sensors, slots.rateHz ?? DEFAULT_RATE_HZ);
    const capped = started.rateHz < started.requestedHz ? ` (${started.requestedHz} Hz asked; the battery mode caps it)` : '';
    return {
      intent: 'sensor.record.start',
      text: `Recording ${started.labels.join(', ')} at ${started.rateHz} Hz${capped}. Say “stop recording” to stop.`,
      links: [{ label: 'Sensors', href: '#/sensors' }],
    };
  } catch (error) {
    return { intent: 'sensor.record.start', text: `Nothing is being recorded: ${(error as Error).message}`, links: [{ label: 'Sensors', href: '#/sensors' }] };
  }
}

export async function sensorRecordStop(services: AssistantServices): Promise<Reply> {
  const stopped = await services.sensors.stop();
  if (!stopped) return { intent: 'sensor.record.stop', text: 'No recording is running.' };
  return {
    intent: 'sensor.record.stop',
    text: `Stopped: ${stopped.samples} samples over ${Math.round(stopped.seconds)} s, saved under Sensors.`,
    links: [{ label: 'Sensors', href: '#/sensors' }],
  };
}

/** The link itself is not put in the reply: replies are stored (and synced, and exported). */
export async function syncShare(services: AssistantServices): Promise<Reply> {
  await services.syncLink();
  return {
    intent: 'sync.share',
    text: 'Your sync link is ready. Open Sync to copy it or show its QR code, then open it on your other device. It holds the key to your data: share it only with yourself.',
    links: [{ label: 'Open Sync', href: '#/sync' }],
  };
}
