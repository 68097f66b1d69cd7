/** What the inspector's page needs from the city's configuration; the server embeds it in the page. */
export interface InspectorPageConfig {
  commandCenter: string;
  /** IANA zone in which times are shown and datetime-local values are read. */
  timezone: string;
  /** Level key → name (橙色预警 …). */
  levels: Record<string, string>;
  /** Season phase key → name. */
  phases: Record<string, string>;
  /** Penalty key → name and clause, to name the item of a penalty. */
  penalties: Record<string, { name: string; clause: string }>;
  evidence: { maxBytes: number; allowedMimeTypes: string[]; maxPhotosPerFinding: number };
}
