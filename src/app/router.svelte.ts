// Hash routes (#/notes/<id>, #/system, …): they work on any static host and offline,
// and the sync link (#/join/v1/…) keeps its secret in the fragment.

export const SECTIONS = [
  { id: 'assistant', label: 'Assistant', icon: '💬' },
  { id: 'notes', label: 'Notes', icon: '📝' },
  { id: 'quantum', label: 'Quantum', icon: '⚛️' },
  { id: 'sensors', label: 'Sensors', icon: '📈' },
  { id: 'sync', label: 'Sync', icon: '🔗' },
  { id: 'system', label: 'System', icon: '⚙️' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

function parse(hash: string): { section: SectionId; rest: string[] } {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const section = SECTIONS.find((s) => s.id === parts[0])?.id ?? 'notes';
  return { section, rest: parts.slice(1) };
}

export const route = $state(parse(location.hash));

window.addEventListener('hashchange', () => Object.assign(route, parse(location.hash)));

export function navigate(path: string): void {
  location.hash = `#/${path}`;
}
