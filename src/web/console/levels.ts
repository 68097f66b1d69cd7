/** Display colours of the response levels (presentation only; the ladder itself comes from the city's configuration). */
const COLOURS: Record<string, string> = {
  none: '#a0aec0',
  light: '#7fc8a9',
  moderate: '#c9b458',
  blue: '#3b82f6',
  yellow: '#eab308',
  orange: '#f97316',
  red: '#dc2626',
};

export function levelColour(key: string | null | undefined): string {
  return COLOURS[key ?? 'none'] ?? '#64748b';
}
