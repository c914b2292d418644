// @vitest-environment jsdom
// Hostile Markdown (test/fixtures/hostile/markdown.json: the OWASP XSS filter evasion vectors
// and more) through the note renderer. The sanitised HTML must hold nothing executable, and
// mounted into a document that runs scripts — with every element sent the events the vectors
// listen for — nothing may call the trap. A control proves the trap does fire on the same
// vectors rendered without the sanitiser.
import { beforeAll, describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { renderMarkdown } from '../../../src/features/notes/markdown.ts';
import type { NoteLink } from '../../../workers/data/api.ts';
import { loadCases, text, type HostileCase, type TextSpec } from './corpus.ts';

/** The part of jsdom's API used here (the project has jsdom but not its type declarations). */
interface JsdomModule {
  VirtualConsole: new () => object;
  JSDOM: new (
    html: string,
    options: { runScripts: 'dangerously'; url: string; virtualConsole: object; beforeParse(window: Window): void },
  ) => { window: Window & typeof globalThis };
}
let jsdom: JsdomModule;
beforeAll(async () => {
  const name = 'jsdom'; // a variable specifier: typed as any, narrowed to JsdomModule
  jsdom = (await import(name)) as JsdomModule;
});

interface MarkdownCase extends HostileCase {
  markdown: TextSpec;
  links?: NoteLink[];
}

const CASES = loadCases<MarkdownCase>('markdown.json');

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'style', 'input', 'button', 'bgsound', 'xml']);
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'background', 'dynsrc', 'lowsrc', 'poster', 'codebase', 'cite', 'srcset', 'values', 'to', 'from', 'by']);
const BAD_SCHEME = /^(javascript|vbscript|livescript|data:text\/html)/i;
const EVENTS = ['click', 'dblclick', 'mouseover', 'mouseenter', 'mousedown', 'mouseup', 'mousemove', 'pointerdown', 'focus', 'focusin', 'blur', 'load', 'error', 'toggle', 'start', 'finish', 'begin', 'animationstart', 'input', 'change', 'submit', 'scroll', 'keydown'];

/** What browsers ignore inside a URL's scheme: ASCII whitespace and controls (and NBSP, to be strict). */
const normaliseUrl = (value: string) => [...value].filter((ch) => ch.charCodeAt(0) > 0x20 && (ch.charCodeAt(0) < 0x7f || ch.charCodeAt(0) > 0xa0)).join('').toLowerCase();

/** Every way the sanitised HTML could run code, as readable findings (empty = safe). */
function executableParts(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push('<script in the HTML text');
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const element of template.content.querySelectorAll('*')) {
    const tag = element.localName.toLowerCase();
    if (FORBIDDEN_TAGS.has(tag)) found.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (name === 'srcdoc' || name === 'style') found.push(`${tag}[${name}]`);
      if ((URL_ATTRIBUTES.has(name) || name.endsWith(':href')) && BAD_SCHEME.test(normaliseUrl(attribute.value))) found.push(`${tag}[${name}=${attribute.value.slice(0, 40)}]`);
      if (name === 'http-equiv') found.push(`${tag}[http-equiv]`);
    }
  }
  return found;
}

/** Mounts `html` in a document that runs scripts, fires the usual events everywhere, and says whether the trap was called. */
async function runsCode(html: string): Promise<boolean> {
  const { JSDOM, VirtualConsole } = jsdom;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    runScripts: 'dangerously',
    virtualConsole: new VirtualConsole(), // jsdom's "not implemented" and CSS notes: not findings
    url: 'https://jarvis.test/',
    beforeParse(window: Window) {
      const w = window as unknown as Record<string, unknown>;
      w.__xss = false;
      const trap = () => {
        w.__xss = true;
      };
      w.alert = trap;
      w.confirm = trap;
      w.prompt = trap;
    },
  });
  const { window } = dom;
  try {
    // Parsed as a page is (scripts in the markup run), then poked.
    window.document.write(`<div id="note">${html}</div>`);
    window.document.close();
    for (const element of window.document.querySelectorAll('#note *')) {
      for (const type of EVENTS) {
        try {
          element.dispatchEvent(new window.Event(type, { bubbles: false }));
        } catch {
          // an element may refuse an event; what matters is whether code ran
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    return (window as unknown as { __xss: boolean }).__xss === true;
  } finally {
    window.close();
  }
}

describe('hostile Markdown', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const html = renderMarkdown(text(c.markdown), c.links ?? []);
    expect(typeof html).toBe('string');
    expect(executableParts(html)).toEqual([]);
    expect(await runsCode(html), 'a vector ran in the mounted note').toBe(false);
  });

  it('control: the same harness catches the vectors when the sanitiser is skipped', async () => {
    let ran = 0;
    let flagged = 0;
    for (const c of CASES) {
      let raw: string;
      try {
        raw = marked.parse(text(c.markdown), { async: false, gfm: true });
      } catch {
        continue; // marked itself gives up on some (see 'huge nested blockquotes')
      }
      if (executableParts(raw).length) flagged++;
      if (await runsCode(raw)) ran++;
    }
    // Unsanitised, most vectors are flagged and the ones jsdom can execute (scripts, event
    // handlers; not javascript: navigation) really run.
    expect(flagged).toBeGreaterThan(CASES.length * 0.6);
    expect(ran).toBeGreaterThanOrEqual(10);
  });
});
