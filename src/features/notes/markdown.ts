// Markdown → safe HTML: marked renders, DOMPurify removes scripts, event handlers and
// javascript: URLs, so nothing a note contains can run. [[Title]] links become links
// to the note they resolve to (by id, so renames keep them).

import DOMPurify from 'dompurify';
import { marked } from 'marked';
import type { NoteLink } from '../../../workers/data/api.ts';

const LINK = /\[\[([^[\]\n|]{1,200})\]\]/g;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    // Links to other sites open in a new tab and get no access to this page.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, { FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] });
}

export function renderMarkdown(body: string, links: NoteLink[] = []): string {
  const byText = new Map(links.map((link) => [link.text, link]));
  const withLinks = body.replace(LINK, (whole, raw: string) => {
    const link = byText.get(raw.trim());
    if (!link?.id) return `<span class="note-link missing" title="No note has this title">${escapeHtml(raw)}</span>`;
    return `<a class="note-link" href="#/notes/${encodeURIComponent(link.id)}">${escapeHtml(link.title || raw)}</a>`;
  });
  let html: string;
  try {
    html = marked.parse(withLinks, { async: false, gfm: true });
  } catch {
    // marked recurses per nesting level: thousands of nested '>' overflow its stack. Show the
    // text as it is rather than let one note break the editor.
    html = `<pre class="markdown-fallback">${escapeHtml(body)}</pre>`;
  }
  return sanitizeHtml(html);
}
