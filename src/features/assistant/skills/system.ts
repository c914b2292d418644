// system.status and help.
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';

export async function systemStatus(services: AssistantServices): Promise<Reply> {
  const stats = await (await services.data()).stats();
  const battery = await services.battery();
  const parts = [`${stats.notes} notes`, `${stats.documents} documents stored on this device`];
  if (battery.level !== null) parts.push(`battery ${Math.round(battery.level * 100)} %${battery.charging ? ' (charging)' : ''}`);
  if (battery.mode !== 'normal') parts.push(battery.mode === 'saver' ? 'battery saver on' : 'critical battery mode on');
  return { intent: 'system.status', text: `All working: ${parts.join(', ')}.`, links: [{ label: 'System', href: '#/system' }] };
}

export const HELP_TEXT = [
  'Here is what I can do, all on this device:',
  '• “note: the wifi password is hunter2” — remember something',
  '• “what was the wifi password?” — answer from your notes',
  '• “find my notes about the trip”',
  '• “remind me to call mom tomorrow at 5pm”, “what are my tasks?”, “mark call mom as done”',
  '• “set a timer for 10 minutes”',
  '• “make a 3-qubit GHZ state” — run a quantum circuit',
  '• “battery status”, “system status”',
].join('\n');

export function help(): Reply {
  return { intent: 'help', text: HELP_TEXT };
}
