// One message in, one reply out: route it (intent + slots), then run the skill.
import type { Reply } from './reply.ts';
import type { AssistantServices } from './services.ts';
import { batteryStatus, sensorRecordStart, sensorRecordStop, sensorStatus, syncShare } from './skills/device.ts';
import { answerUnknown, askMemory } from './skills/memory.ts';
import { addNote, findNotes } from './skills/notes.ts';
import { runQuantum } from './skills/quantum.ts';
import { help, systemStatus } from './skills/system.ts';
import { addTask, completeTask, listTasks } from './skills/tasks.ts';
import { setTimer } from './skills/timer.ts';

/** Longer messages are cut here: nobody types more, and it bounds the work per message. */
export const MAX_MESSAGE = 2000;

export async function respond(message: string, services: AssistantServices): Promise<Reply> {
  const text = message.slice(0, MAX_MESSAGE);
  const { intent, slots } = await services.route(text);
  switch (intent) {
    case 'note.add':
      return addNote(slots, services);
    case 'note.find':
      return findNotes(slots, services);
    case 'memory.ask':
      return askMemory(slots, text, services);
    case 'task.add':
      return addTask(slots, services);
    case 'task.list':
      return listTasks(services);
    case 'task.done':
      return completeTask(slots, services);
    case 'timer.set':
      return setTimer(slots, services);
    case 'quantum.run':
      return runQuantum(slots, services);
    case 'battery.status':
      return batteryStatus(services);
    case 'sensor.status':
      return sensorStatus(services);
    case 'sensor.record.start':
      return sensorRecordStart(slots, services);
    case 'sensor.record.stop':
      return sensorRecordStop(services);
    case 'sync.share':
      return syncShare(services);
    case 'system.status':
      return systemStatus(services);
    case 'help':
      return help();
    default:
      return answerUnknown(text, services);
  }
}
