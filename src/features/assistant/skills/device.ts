// battery.status, sensor.status, sensor.record.*, sync.share. The sensors service arrives
// with its own issue; until then those skills say so plainly instead of pretending.
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';

export async function batteryStatus(services: AssistantServices): Promise<Reply> {
  const battery = await services.battery();
  if (!battery) return { intent: 'battery.status', text: 'This browser does not report the battery level.' };
  const percent = Math.round(battery.level * 100);
  return { intent: 'battery.status', text: `Battery at ${percent} %, ${battery.charging ? 'charging' : 'not charging'}.` };
}

export function sensorStatus(): Reply {
  return {
    intent: 'sensor.status',
    text: 'Sensor readings are not available yet: the Sensors section is still being built.',
    links: [{ label: 'Sensors', href: '#/sensors' }],
  };
}

export function sensorRecord(intent: 'sensor.record.start' | 'sensor.record.stop'): Reply {
  return {
    intent,
    text: 'Recording sensors is not available yet: the Sensors section is still being built. Nothing was recorded.',
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
