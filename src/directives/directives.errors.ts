// Directive error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum DirectiveErrorCode {
  DIRECTIVE_NOT_FOUND = 'DIRECTIVE_NOT_FOUND',
  /** The directive names a county the city does not configure (422). */
  UNKNOWN_COUNTY = 'UNKNOWN_COUNTY',
  /** An issue or adjust must say how the level ends: a time, or null for "until lifted" (400). */
  LEVEL_END_REQUIRED = 'LEVEL_END_REQUIRED',
  /** Another directive holds the counties' level machines right now (409: reload and retry). */
  LEVEL_CONFLICT = 'LEVEL_CONFLICT',
  /** A county's level machine refused the change (409), e.g. an end before the start. */
  LEVEL_CHANGE_REFUSED = 'LEVEL_CHANGE_REFUSED',
}

/** Codes meaning "not now": a scheduled job that meets one skips the counties and looks again on its next run. */
export const DIRECTIVE_CONFLICTS: ReadonlySet<string> = new Set([DirectiveErrorCode.LEVEL_CONFLICT, DirectiveErrorCode.LEVEL_CHANGE_REFUSED]);
