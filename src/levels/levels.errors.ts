// Level recommendation error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum LevelErrorCode {
  /** A forecast series or an active level names a county or level the city does not configure (422). */
  FORECAST_UNKNOWN_KEYS = 'FORECAST_UNKNOWN_KEYS',
}
