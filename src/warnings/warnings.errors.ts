// Warning (CAP feed) error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum WarningErrorCode {
  WARNING_NOT_FOUND = 'WARNING_NOT_FOUND',
}
