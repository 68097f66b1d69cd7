// Domain errors carry a code from their module's enum; HttpErrorFilter maps codes to HTTP.
// Services throw these, never HttpExceptions, so that rules and services stay HTTP-agnostic.

export enum CommonErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  UNPROCESSABLE = 'UNPROCESSABLE',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}

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

export enum RegistryErrorCode {
  ENTERPRISE_NOT_FOUND = 'ENTERPRISE_NOT_FOUND',
  ENTERPRISE_EXISTS = 'ENTERPRISE_EXISTS',
  ENTERPRISE_INVALID = 'ENTERPRISE_INVALID',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  CODE_MISMATCH = 'CODE_MISMATCH',
  IMPORT_INVALID = 'IMPORT_INVALID',
}

export enum RulesErrorCode {
  /** Input a rules function refused (RulesInputError); the message says what to fix. */
  RULES_INPUT_INVALID = 'RULES_INPUT_INVALID',
  SEASON_NOT_FOUND = 'SEASON_NOT_FOUND',
}

export enum OrderErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  /** A later version replaced this one; the answer names the current one. */
  ORDER_SUPERSEDED = 'ORDER_SUPERSEDED',
  LINK_INVALID = 'LINK_INVALID',
  /** A signed link past its validity (410: a new one must be sent). */
  LINK_EXPIRED = 'LINK_EXPIRED',
  LINE_NOT_RESTRICTED = 'LINE_NOT_RESTRICTED',
  NOT_ACKNOWLEDGED = 'NOT_ACKNOWLEDGED',
}

export type DomainErrorCode = CommonErrorCode | AuthErrorCode | RegistryErrorCode | RulesErrorCode | OrderErrorCode;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
