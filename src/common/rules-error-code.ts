// Rules error codes; HttpErrorFilter (src/app) maps each to an HTTP status.

export enum RulesErrorCode {
  /** Input a rules function refused (RulesInputError); the message says what to fix. */
  RULES_INPUT_INVALID = 'RULES_INPUT_INVALID',
  SEASON_NOT_FOUND = 'SEASON_NOT_FOUND',
}
