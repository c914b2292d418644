// Hash routes (#/notes/<id>, #/system, …): they work on any static host and offline,
// and the sync link (#/join/v1/…) keeps its secret in the fragment.

// Icons are SVG path data (24×24 viewBox): emoji fonts are missing on many devices.
export const SECTIONS = [
  { id: 'assistant', label: 'Assistant', icon: 'M4 5h16v11H9l-5 4z' },
  { id: 'notes', label: 'Notes', icon: 'M6 3h9l4 4v14H6zM9 11h7M9 15h7' },
  { id: 'quantum', label: 'Quantum', icon: 'M12 12m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M3 12c0-3 4-5 9-5s9 2 9 5-4 5-9 5-9-2-9-5' },
  { id: 'sensors', label: 'Sensors', icon: 'M3 12h4l2-6 4 12 2-6h6' },
  { id: 'sync', label: 'Sync', icon: 'M4 10a8 8 0 0 1 14-4l2 2M20 14a8 8 0 0 1-14 4l-2-2M20 4v4h-4M4 20v-4h4' },
  { id: 'system', label: 'System', icon: 'M12 9a3 3 0 1 0 0 6a3 3 0 0 0 0-6M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

function parse(hash: string): { section: SectionId; rest: string[] } {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  // A sync link (#/join/v1/<secret>.<check>) opens the Sync section, which asks before joining.
  if (parts[0] === 'join') return { section: 'sync', rest: parts };
  const section = SECTIONS.find((s) => s.id === parts[0])?.id ?? 'assistant';
  return { section, rest: parts.slice(1) };
}

export const route = $state(parse(location.hash));

window.addEventListener('hashchange', () => Object.assign(route, parse(location.hash)));

export function navigate(path: string): void {
  location.hash = `#/${path}`;
}
