// The rules' own error vocabulary. Pure: common/rules-error.ts turns a RulesInputError into
// a DomainError with this code, and the HttpErrorFilter (src/app) maps the code to 422.

export enum RulesErrorCode {
  /** Input a rules function refused (RulesInputError); the message says what to fix. */
  RULES_INPUT_INVALID = 'RULES_INPUT_INVALID',
}

/** Bad input to a rules function; the message says what to fix. Shells map it to a 4xx. */
export class RulesInputError extends Error {
  readonly code = RulesErrorCode.RULES_INPUT_INVALID;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RulesInputError';
  }
}
