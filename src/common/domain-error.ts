// Domain errors carry a code from their module's enum; HttpErrorFilter maps codes to HTTP.
// Services throw these, never HttpExceptions, so that rules and services stay HTTP-agnostic.

/** `C` is the code enum of the module that throws; the filter's DomainErrorCode is the union of all of them. */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
