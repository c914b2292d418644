// Small text helpers for replies.

/** At most `max` characters, cut at a word and marked with an ellipsis. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A note title from its body: the first few words. */
export function titleFrom(body: string): string {
  const firstLine = body.split('\n')[0] ?? '';
  return clip(firstLine.charAt(0).toUpperCase() + firstLine.slice(1), 48);
}
