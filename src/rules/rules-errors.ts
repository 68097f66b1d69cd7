/** Bad input to a rules function; the message says what to fix. Shells map it to a 4xx. */
export class RulesInputError extends Error {
  readonly code = 'RULES_INPUT_INVALID';
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'RulesInputError';
  }
}
