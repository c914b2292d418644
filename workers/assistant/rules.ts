// Keyword rules: the router that works with no model loaded, and the confident first pass
// when one is. Ordered: the first rule that matches wins, so specific phrasings ("stop
// recording", "notes about quantum") come before the broad keyword ones ("quantum").
import type { Intent, Prediction } from './intents.ts';
import { clip, hasWords, normalize } from './normalize.ts';

export interface RuleMatch {
  intent: Prediction;
  /** 0..1: 0.9 a distinctive phrase, 0.6 a guess from the sentence's shape, 0 nothing. */
  score: number;
  rule?: string;
}

interface Rule {
  name: string;
  intent: Intent;
  score: number;
  re: RegExp;
}

const SENSOR = String.raw`(?:sensors?|motion|accelerometer|gyro\w*|orientation|compass|gps|location|geolocation|light|ambient)`;
const RECORDING = String.raw`(?:record\w*|log|logs|logging|captur\w*|track|tracking)`;
const TASKS = String.raw`(?:tasks?|todo|todos|todo list|reminders?|due)`;
const QUANTUM = String.raw`(?:qubits?|ghz|bell|qft|grover\w*|deutsch|jozsa|bernstein|vazirani|teleport\w*|qaoa|vqe|quantum|entangle\w*|circuit|fourier)`;

const RULES: Rule[] = [
  // help: questions about the assistant itself
  { name: 'help.word', intent: 'help', score: 0.95, re: /^(?:please )?(?:help|help me|i need help|hello|hi)(?: please| me)?$/ },
  { name: 'help.what-can', intent: 'help', score: 0.9, re: /\bwhat (?:can|do) (?:you|i) (?:do|say|ask)\b|\bwhat you can do\b|\bhow (?:do i use|does this work|can you help|do you work)\b/ },
  { name: 'help.commands', intent: 'help', score: 0.9, re: /\b(?:your|the|what|list|show)\b.*\b(?:commands|skills|features)\b|\b(?:give me|show me)(?: some)? examples\b|\bwhat commands\b/ },

  // reminders and to-dos before timers: "remind me in 20 minutes" is a task with a due time
  { name: 'task.remind', intent: 'task.add', score: 0.95, re: /\bremind me\b/ },
  { name: 'task.add-verb', intent: 'task.add', score: 0.9, re: /\b(?:add|new|create|put|make|set)\b.*\b(?:task|todo)\b(?!.*\b(?:done|complete|completed)\b)/ },
  { name: 'task.todo-prefix', intent: 'task.add', score: 0.9, re: /^(?:todo|task)\b(?!.*\b(?:done|complete|completed|finished)\b)/ },

  // timers
  { name: 'timer.word', intent: 'timer.set', score: 0.95, re: /\b(?:timer|countdown|count down|pomodoro)\b/ },

  // sensor recordings: stop before start ("stop recording" has both words)
  { name: 'record.stop', intent: 'sensor.record.stop', score: 0.95, re: new RegExp(String.raw`\b(?:stop|end|finish|halt|cancel|quit|pause)\b.*\b${RECORDING}|\b${RECORDING}\b.*\bstop\b`) },
  { name: 'record.start', intent: 'sensor.record.start', score: 0.9, re: new RegExp(String.raw`\b(?:start|begin)\b.*\b(?:${RECORDING}|${SENSOR})\b|\b${RECORDING}\b.*\b(?:${SENSOR}|hz|hertz|sensor)\b|\b${SENSOR}\b.*\b(?:recording|logging)\b`) },

  // devices and the app
  { name: 'battery', intent: 'battery.status', score: 0.95, re: /\b(?:battery|charging|charge|charged|plugged|power level)\b/ },
  { name: 'sensor.status', intent: 'sensor.status', score: 0.9, re: new RegExp(String.raw`\b${SENSOR}\b.*\b(?:status|available|working|supported|readings?|showing|read|permissions?|on|access|have|enabled|work)\b|\b(?:status|readings?|read|which|what|any|do i have|is|are)\b.*\b${SENSOR}\b`) },
  { name: 'sync', intent: 'sync.share', score: 0.9, re: /\b(?:sync\w*|pairing|qr code)\b|\bpair (?:a|my|with|new|another|the|this|up)\b|\b(?:share|send|connect|link)\b.*\b(?:device|devices|laptop|desktop|tablet|phone|computer|data|link)\b/ },
  { name: 'system', intent: 'system.status', score: 0.9, re: /\b(?:system|diagnostics?|webgpu|wasm|storage|version|offline|online|status report|uptime)\b|\bhow are you (?:running|doing)\b|\bis everything (?:working|ok|okay|fine)\b|\bare you (?:ok|okay|working|alive)\b|\bwhich model\b|\bmodels? (?:is |are )?loaded\b|\bmemory is (?:jarvis|it|the app) using\b|\byour status\b/ },

  // notes: finding before the quantum keywords ("notes about quantum teleportation")
  { name: 'note.add-prefix', intent: 'note.add', score: 0.9, re: /^(?:please )?(?:note(?: to self)?|note that|remember(?: that| this)?|store this|write (?:this )?down|jot(?: this)? down)\b/ },
  { name: 'note.add-verb', intent: 'note.add', score: 0.9, re: /\b(?:add|take|make|write|save|create|new|jot|store|start)\b(?: an?| the| new| my)? (?:quick )?note\b|\b(?:write|jot|note) (?:this |it )?down\b/ },
  { name: 'note.find', intent: 'note.find', score: 0.9, re: /\b(?:find|search|look up|look for|show|open|list|pull up|read|get|any|which)\b.*\bnotes?\b|\bnotes? (?:about|on|mentioning|tagged|called|for|from|with)\b/ },

  { name: 'quantum', intent: 'quantum.run', score: 0.9, re: new RegExp(String.raw`\b${QUANTUM}\b`) },

  // completing tasks before listing them ("tick off" / "mark … done")
  { name: 'task.done-mark', intent: 'task.done', score: 0.9, re: /\b(?:mark|tick|check|cross|set)\b.*\b(?:done|complete|completed|finished|off)\b/ },
  { name: 'task.done-phrase', intent: 'task.done', score: 0.9, re: /\bdone with\b|\b(?:is|as|its|are) (?:done|complete|completed|finished)\b|^(?:i )?(?:ive |have )?(?:finished|completed|done|did)\b|\bcomplete (?:the )?task\b/ },
  { name: 'task.list', intent: 'task.list', score: 0.9, re: new RegExp(String.raw`\b(?:what|whats|show|list|read|any|all|open|which|my)\b.*\b${TASKS}\b|\bwhat do i (?:still )?(?:have|need) to do\b|\bmy list\b|\boverdue\b`) },

  // a question with no other home is about something the user stored
  { name: 'memory.recall', intent: 'memory.ask', score: 0.85, re: /\b(?:do you remember|did i (?:say|tell|write|save|note|put|leave|park)|what did i)\b/ },
  { name: 'memory.question', intent: 'memory.ask', score: 0.6, re: /^(?:what|whats|when|whens|where|wheres|who|whos|whose|which|how|why|is|are|was|were|did|does|do)\b/ },
];

/** Classify an utterance with keyword rules alone; `unknown` with score 0 when none fits. */
export function classifyByRules(text: string): RuleMatch {
  const raw = clip(text);
  if (!hasWords(raw)) return { intent: 'unknown', score: 0 };
  const t = normalize(raw);
  for (const rule of RULES) {
    if (rule.re.test(t)) return { intent: rule.intent, score: rule.score, rule: rule.name };
  }
  // A bare question mark still marks a question ("garage code?").
  if (raw.endsWith('?')) return { intent: 'memory.ask', score: 0.5, rule: 'memory.question-mark' };
  return { intent: 'unknown', score: 0 };
}
