// The response-level ladder: the one list of level keys, mildest first. Config files, DTO
// validation, the OpenAPI enums and the registry import columns all derive from it.

/** Keys of the response-level ladder, mildest first (a city's config names and orders the ones it uses). */
export const LEVEL_KEYS = ['light', 'moderate', 'blue', 'yellow', 'orange', 'red'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

/** The ladder with `none` (no level in force) before the mildest level. */
export const LEVEL_OR_NONE = ['none', ...LEVEL_KEYS] as const;
export type LevelOrNone = (typeof LEVEL_OR_NONE)[number];

/** One level as a city configures it (city.yaml `levels`). */
export interface LevelDefinition {
  key: LevelKey;
  name: string;
  kind: 'control' | 'warning';
  grade?: string;
}
