// Order error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum OrderErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  /** A later version replaced this one; the answer names the current one. */
  ORDER_SUPERSEDED = 'ORDER_SUPERSEDED',
}
