// Notes as a zip of Markdown files (fflate), one file per live note.

import { strToU8, zipSync } from 'fflate';
import type { NoteRecord } from './noteIndex.ts';

function fileName(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').replace(/^[.\s-]+|[.\s]+$/g, '').slice(0, 100);
  return safe || 'Untitled';
}

function frontMatter(record: NoteRecord): string {
  const lines = [
    `created: ${new Date(record.created).toISOString()}`,
    `updated: ${new Date(record.updated).toISOString()}`,
  ];
  if (record.tags.length) lines.push(`tags: [${record.tags.map((tag) => JSON.stringify(tag)).join(', ')}]`);
  if (record.pinned) lines.push('pinned: true');
  if (record.archived) lines.push('archived: true');
  return `---\n${lines.join('\n')}\n---\n\n`;
}

export function notesToMarkdownZip(records: Iterable<NoteRecord>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const record of records) {
    if (record.deleted || record.tooNew) continue;
    const base = fileName(record.title);
    let name = `${base}.md`;
    for (let n = 2; name in files; n++) name = `${base} (${n}).md`;
    files[name] = strToU8(`${frontMatter(record)}# ${record.title || 'Untitled'}\n\n${record.body}\n`);
  }
  return zipSync(files);
}
