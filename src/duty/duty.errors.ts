// Duty roster error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum DutyErrorCode {
  /** The shift's interval overlaps another shift of the roster (one duty officer at a time). */
  SHIFT_OVERLAP = 'SHIFT_OVERLAP',
  SHIFT_NOT_FOUND = 'SHIFT_NOT_FOUND',
  /** The end does not follow the start, the shift is too long, or a list range is too wide. */
  SHIFT_INVALID = 'SHIFT_INVALID',
  /** A duty officer or shift leader that is not an active commander. */
  DUTY_USER_INVALID = 'DUTY_USER_INVALID',
}
