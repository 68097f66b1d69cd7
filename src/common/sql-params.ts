/**
 * Positional parameters of one statement assembled from several modules' fragments: each
 * fragment asks for the placeholder of a value it needs. The same calls in the same order give
 * the same text, so the statement can be prepared once by name.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
