// Example phrases per intent for the embedding router: the utterance goes to the intent of
// its nearest examples. Written independently of test/fixtures/intents*.jsonl (a unit test
// checks that no line is shared), so the eval measures generalisation, not recall.
import type { Intent } from './intents.ts';

export const EXAMPLES: Record<Intent, string[]> = {
  'note.add': [
    'add a note', 'take a note', 'new note', 'write a note saying the meeting is at noon',
    'note down the door code', 'save this as a note', 'make a note that the car needs oil',
    'remember that the spare key is under the mat', 'jot this down', 'create a note about my ideas',
    'write this in my notes', 'add to my notes that the gym opens at six', 'quick note',
    'store a note with my shoe size', 'record a note: bins go out on tuesday',
  ],
  'note.find': [
    'find my notes', 'search my notes', 'show notes about work', 'look for a note about the boiler',
    'find the note where I wrote the address', 'open the note about holidays', 'which notes mention pizza',
    'search for notes on taxes', 'show me the note called shopping', 'list my notes',
    'browse notes from yesterday', 'get my notes about the project', 'notes about the garden',
  ],
  'task.add': [
    'remind me to buy eggs', 'remind me at noon to eat lunch', 'add a task', 'new to do item',
    'add call the vet to my tasks', 'put laundry on the list for tomorrow', 'create a reminder for the meeting',
    'I have to send the invoice by monday', 'schedule a reminder to pay the electricity bill',
    'add a todo to clean the kitchen', 'remind me in an hour to stand up', 'set a reminder for 3pm',
    'add homework to my to do list due thursday', 'I must phone grandma this weekend',
  ],
  'task.list': [
    'show my tasks', 'list my to dos', 'what is on my agenda', 'which tasks are due', 'my reminders',
    'what do I need to do this week', 'show overdue items', 'what have I got planned for tomorrow',
    'open tasks', 'read out my reminders', 'anything due tonight', 'pending tasks',
  ],
  'task.done': [
    'mark the task as done', 'I did it', 'complete the laundry task', 'tick off call the vet',
    'that task is finished', 'check off buy eggs', 'mark homework complete', 'done with the invoice',
    'I have finished cleaning the kitchen', 'cross the meeting off my list', 'close the task',
    'the vet task is complete',
  ],
  'timer.set': [
    'set a timer', 'start a timer for ten minutes', 'timer for thirty seconds', 'count down from one minute',
    'countdown two hours', 'set a pasta timer', 'alarm in five minutes', 'start a countdown',
    'time me for 45 minutes', 'a 20 second timer', 'set a kitchen timer for 12 minutes', 'start the stopwatch',
  ],
  'quantum.run': [
    'run a quantum circuit', 'make a bell state', 'create a ghz state', 'run qft on 3 qubits',
    "run grover's algorithm", 'simulate a deutsch jozsa circuit', 'bernstein vazirani with 5 qubits',
    'quantum teleportation', 'run qaoa', 'run a variational quantum eigensolver', 'entangle three qubits',
    'build a quantum fourier transform', 'simulate 6 qubits', 'make a superposition', 'run a quantum template',
  ],
  'battery.status': [
    'battery info', 'battery percentage', 'how much charge is left', 'is the phone charging', 'power status',
    'how full is my battery', 'battery remaining', 'am I on charger', 'is the battery low',
    'how long until the battery is full',
  ],
  'sensor.status': [
    'what sensors do I have', 'sensor info', 'is motion available', 'check the gps', 'is location enabled',
    'show the accelerometer reading', 'which sensors are supported', 'light sensor status',
    'does this device have a gyroscope', 'sensor permissions', 'is the compass working',
  ],
  'sensor.record.start': [
    'start recording', 'record motion', 'start logging the accelerometer', 'record location data',
    'begin recording sensors', 'log orientation at 10 hz', 'capture gps readings', 'start a motion log',
    'record the light sensor', 'start tracking my position', 'record sensors at 60 hertz',
  ],
  'sensor.record.stop': [
    'please stop recording sensors', 'stop the recording', 'end the recording now', 'stop logging data', 'finish the sensor recording',
    'stop capturing gps', 'end the motion log', 'halt logging', 'stop tracking', 'that is enough, stop the log',
  ],
  'sync.share': [
    'share a sync link with me', 'sync my devices', 'pair with my laptop', 'show the qr code',
    'add another device', 'how do I sync', 'send the link to my other phone', 'share my notes with my tablet',
    'connect to my computer', 'copy the sync link', 'set up sync',
  ],
  'system.status': [
    'system info', 'how are you doing', 'diagnostics', 'what model are you using', 'are you online',
    'storage used', 'app version', 'is gpu acceleration on', 'health check', 'is the assistant ready',
    'status of the app', 'how much space is used',
  ],
  help: [
    'can you help', 'help me please', 'what can I ask you', 'show commands', 'what are you able to do',
    'how do I use the assistant', 'what do you do', 'teach me', 'list what you can do', 'examples please',
    'I am lost', 'tell me your features',
  ],
  'memory.ask': [
    'what is the door code', 'when is the meeting', 'where is the spare key', 'who is my doctor',
    'what did I write about the boiler', 'what is my shoe size', 'when do the bins go out',
    'what was the address', 'what did I note about the car', 'when does the gym open',
    'remind me what the code was', 'what did I save about taxes', 'tell me what I wrote about holidays',
  ],
};
