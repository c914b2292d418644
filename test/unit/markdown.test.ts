// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/features/notes/markdown.ts';

describe('Markdown sanitiser', () => {
  it('keeps formatting and ordinary links', () => {
    const html = renderMarkdown('# Title\n\n**bold** [site](https://example.org)');
    expect(html).toContain('<h1');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it.each([
    ['script tag', '<script>alert(1)</script>', /<script/i],
    ['event handler', '<img src=x onerror="alert(1)">', /onerror/i],
    ['svg handler', '<svg onload="alert(1)"><circle r="1"/></svg>', /onload/i],
    ['javascript: markdown link', '[x](javascript:alert(1))', /javascript:/i],
    ['javascript: anchor', '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['encoded javascript:', '<a href="&#106;avascript:alert(1)">x</a>', /javascript:|&#106;avascript/i],
    ['iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>', /style=/i],
    ['form', '<form action="https://evil.example"><input name=a></form>', /<form|<input/i],
  ])('strips %s', (_name, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it('turns [[links]] into links by id, and escapes their text', () => {
    const html = renderMarkdown('see [[Old name]] and [[<b>missing</b>]]', [
      { text: 'Old name', id: 'abc123', title: 'New <name>' },
    ]);
    expect(html).toContain('<a class="note-link" href="#/notes/abc123">New &lt;name&gt;</a>');
    expect(html).toContain('class="note-link missing"');
    expect(html).not.toContain('<b>missing</b>');
  });
});
