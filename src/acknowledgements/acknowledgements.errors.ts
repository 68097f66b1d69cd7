// Acknowledgement error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum AcknowledgementErrorCode {
  LINK_INVALID = 'LINK_INVALID',
  /** A signed link past its validity (410: a new one must be sent). */
  LINK_EXPIRED = 'LINK_EXPIRED',
  LINE_NOT_RESTRICTED = 'LINE_NOT_RESTRICTED',
  NOT_ACKNOWLEDGED = 'NOT_ACKNOWLEDGED',
}
