// Shared by the memory tests: the real built-in model (loaded once per file) and a wrapper
// that records the texts of each embedding call (leaving out MemoryIndex's one-off probe).
import type { Embed } from '../../../workers/inference/embed.ts';
import { createNodeEmbedder } from '../../../scripts/lib/nodeEmbedder.ts';
import { NO_MEANING_PROBE } from '../../../workers/memory/memoryIndex.ts';

let model: Promise<Embed> | null = null;

export function realModel(): Promise<Embed> {
  return (model ??= createNodeEmbedder());
}

export function counting(embed: Embed): Embed & { calls: string[][] } {
  const calls: string[][] = [];
  const wrapped = async (texts: string[]) => {
    if (!(texts.length === 1 && texts[0] === NO_MEANING_PROBE)) calls.push(texts);
    return embed(texts);
  };
  return Object.assign(wrapped, { calls });
}
