// Season error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum SeasonErrorCode {
  SEASON_NOT_FOUND = 'SEASON_NOT_FOUND',
}
