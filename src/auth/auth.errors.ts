// Auth error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  FORBIDDEN = 'FORBIDDEN',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  /** A cookie-authenticated unsafe request without the matching X-CSRF-Token header. */
  CSRF_MISMATCH = 'CSRF_MISMATCH',
  /** A reset password must be replaced (POST /api/v1/auth/change-password) before anything else. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
}
