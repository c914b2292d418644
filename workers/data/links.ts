// [[Title]] links between notes. The body keeps the text as typed; the note's `links`
// map remembers which note id each text pointed at, so a later rename of the target
// does not break the link.

const LINK = /\[\[([^[\]\n|]{1,200})\]\]/g;

/** The distinct link texts in a body, in order of first appearance. */
export function linkTexts(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(LINK)) seen.add(match[1].trim());
  seen.delete('');
  return [...seen];
}

export interface LinkTarget {
  id: string;
  title: string;
  deleted: boolean;
}

/** Case-insensitive title lookup over live notes. */
export type FindByTitle = (title: string) => LinkTarget | undefined;
export type FindById = (id: string) => LinkTarget | undefined;

/**
 * Resolves every link text of `body` to a note id: a target remembered from before wins
 * while it still exists (the note may have been renamed); otherwise the note whose title
 * matches now. Unresolved texts are left out.
 */
export function resolveLinks(
  body: string,
  previous: Record<string, string>,
  byTitle: FindByTitle,
  byId: FindById,
): Record<string, string> {
  const links: Record<string, string> = {};
  for (const text of linkTexts(body)) {
    const remembered = previous[text] ? byId(previous[text]) : undefined;
    const target = remembered && !remembered.deleted ? remembered : byTitle(text);
    if (target) links[text] = target.id;
  }
  return links;
}

export function normaliseTitle(title: string): string {
  return title.trim().toLowerCase();
}
