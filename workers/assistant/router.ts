// The assistant's intent router: keyword rules decide when they are sure; otherwise the
// nearest example phrases by embedding (when a model is loaded) decide; gibberish and
// non-English input fall through to 'unknown'. Slots are extracted for the chosen intent.
import type { Embed } from '../inference/embed.ts';
import { createEmbeddingClassifier, type EmbeddingVote } from './embeddingRouter.ts';
import type { Prediction } from './intents.ts';
import { clip, hasWords } from './normalize.ts';
import { classifyByRules } from './rules.ts';
import { extractSlots, type SlotContext, type Slots } from './slots.ts';

export interface Routed {
  intent: Prediction;
  /** 0..1 */
  confidence: number;
  via: 'rules' | 'embedding' | 'both';
  slots: Slots;
}

export interface Router {
  route(text: string, ctx: SlotContext): Promise<Routed>;
}

/** A rule at or above this score wins without asking the model. */
const RULES_CONFIDENT = 0.85;
/** With no rule match, the nearest example must be at least this close… */
const EMBEDDING_MIN = 0.6;
/** …and this far ahead of the runner-up intent (else it is a coin toss → 'unknown'). */
const EMBEDDING_MARGIN = 0.05;
/** Overriding a weak rule (a bare question → memory.ask) takes a clear embedding match. */
const OVERRIDE_MIN = 0.75;
const OVERRIDE_MARGIN = 0.15;

function decide(rule: ReturnType<typeof classifyByRules>, vote: EmbeddingVote | undefined): Omit<Routed, 'slots'> {
  if (rule.intent !== 'unknown' && rule.score >= RULES_CONFIDENT) {
    return { intent: rule.intent, confidence: rule.score, via: vote?.intent === rule.intent ? 'both' : 'rules' };
  }
  if (vote) {
    const confidence = Math.max(0, Math.min(1, vote.score));
    if (vote.intent === rule.intent) return { intent: rule.intent, confidence: Math.max(confidence, rule.score), via: 'both' };
    const [min, margin] = rule.intent === 'unknown' ? [EMBEDDING_MIN, EMBEDDING_MARGIN] : [OVERRIDE_MIN, OVERRIDE_MARGIN];
    if (vote.score >= min && vote.margin >= margin) return { intent: vote.intent, confidence, via: 'embedding' };
  }
  if (rule.intent !== 'unknown') return { intent: rule.intent, confidence: rule.score, via: 'rules' };
  return { intent: 'unknown', confidence: 0, via: vote ? 'embedding' : 'rules' };
}

/** With no `embed`, the router runs on the keyword rules alone. */
export function createRouter(embed?: Embed): Router {
  const classify = embed ? createEmbeddingClassifier(embed) : undefined;

  return {
    async route(text, ctx) {
      const input = clip(text);
      // Empty, emoji-only or non-Latin input: nothing our English rules or model can read.
      if (!hasWords(input)) return { intent: 'unknown', confidence: 0, via: 'rules', slots: {} };
      const rule = classifyByRules(input);
      // A model failure must not break the assistant: fall back to the rules.
      const vote = classify ? await classify(input).catch(() => undefined) : undefined;
      const decision = decide(rule, vote);
      let slots: Slots = {};
      try {
        if (decision.intent !== 'unknown') slots = extractSlots(input, decision.intent, ctx);
      } catch {
        slots = {};
      }
      return { ...decision, slots };
    },
  };
}
