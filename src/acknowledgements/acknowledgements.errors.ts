// Acknowledgement error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum AcknowledgementErrorCode {
  LINK_INVALID = 'LINK_INVALID',
  /** A signed link past its validity (410: a new one must be sent). */
  LINK_EXPIRED = 'LINK_EXPIRED',
  LINE_NOT_RESTRICTED = 'LINE_NOT_RESTRICTED',
  NOT_ACKNOWLEDGED = 'NOT_ACKNOWLEDGED',
  /** No short link /a/<code> by that code (404). */
  SHORT_LINK_NOT_FOUND = 'SHORT_LINK_NOT_FOUND',
  /** The short link's signed link has expired (410), like LINK_EXPIRED. */
  SHORT_LINK_EXPIRED = 'SHORT_LINK_EXPIRED',
  /** An SMS provider callback with a wrong or no path token, or while none is configured (404, as if absent). */
  SMS_CALLBACK_REFUSED = 'SMS_CALLBACK_REFUSED',
}
