// battery.status, sensor.status, sensor.record.*, sync.share. The sensors service and sync
// arrive with their own issues; until then these say so plainly instead of pretending.
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

export function syncShare(): Reply {
  return {
    intent: 'sync.share',
    text: 'Sync between devices is not available yet, so there is no link to share. Your data stays on this device.',
    links: [{ label: 'Sync', href: '#/sync' }],
  };
}
