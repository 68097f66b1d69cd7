// Common error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum CommonErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  UNPROCESSABLE = 'UNPROCESSABLE',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}
