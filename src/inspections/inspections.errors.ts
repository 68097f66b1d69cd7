// Inspection error codes (teams, draws, tasks, findings, evidence, power readings);
// HttpErrorFilter (src/app) maps each to an HTTP status.

export enum InspectionErrorCode {
  /** homeCounty is not a configured county (422). */
  TEAM_COUNTY_UNKNOWN = 'TEAM_COUNTY_UNKNOWN',
  TEAM_EXISTS = 'TEAM_EXISTS',
  /** A task names a team that does not exist (422). */
  TEAM_UNKNOWN = 'TEAM_UNKNOWN',
  /** No enterprise is under an order in force: nothing to draw from (422). */
  DRAW_NO_CANDIDATES = 'DRAW_NO_CANDIDATES',
  /** No inspection team exists to assign (422). */
  DRAW_NO_TEAMS = 'DRAW_NO_TEAMS',
  /** More enterprises asked for than are under orders (422). */
  DRAW_TOO_LARGE = 'DRAW_TOO_LARGE',
  DRAW_NOT_FOUND = 'DRAW_NOT_FOUND',
  /** Not found, or the caller's team may not see or write it (404, so as not to tell which). */
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  /** A task names an enterprise the registry does not hold (422). */
  TASK_ENTERPRISE_UNKNOWN = 'TASK_ENTERPRISE_UNKNOWN',
  /** A finding names a line the enterprise does not have (422). */
  FINDING_LINE_UNKNOWN = 'FINDING_LINE_UNKNOWN',
  /** Not found, or the caller's team may not see or write it (404). */
  FINDING_NOT_FOUND = 'FINDING_NOT_FOUND',
  PHOTO_NOT_FOUND = 'PHOTO_NOT_FOUND',
  /** The request carried no photo (400). */
  PHOTO_MISSING = 'PHOTO_MISSING',
  /** Content-Type not among the allowed image types (415). */
  PHOTO_TYPE_NOT_ALLOWED = 'PHOTO_TYPE_NOT_ALLOWED',
  PHOTO_TOO_LARGE = 'PHOTO_TOO_LARGE',
  /** The bytes are not a readable image of the declared type, or too many pixels (422). */
  PHOTO_UNREADABLE = 'PHOTO_UNREADABLE',
  /** The finding already holds the configured number of photos (422). */
  PHOTO_LIMIT_REACHED = 'PHOTO_LIMIT_REACHED',
  /** The readings body is neither a { readings: [...] } object nor a readable CSV (400). */
  READINGS_UNREADABLE = 'READINGS_UNREADABLE',
  /** No readings sent (400). */
  READINGS_EMPTY = 'READINGS_EMPTY',
  /** More readings than one request may carry (413). */
  READINGS_TOO_MANY = 'READINGS_TOO_MANY',
  /** Some readings are invalid; none was stored (422). */
  READINGS_INVALID = 'READINGS_INVALID',
}
