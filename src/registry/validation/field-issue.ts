/** One problem with one field of an input, for a person to fix. */
export interface FieldIssue {
  /** Path into the JSON form, e.g. `code`, `lines[1].capacity`, `measures.orange[0].line`. */
  field: string;
  /** English sentence naming the field and what is acceptable. */
  message: string;
}

/** Renders a received value for an error message, short enough to read. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

/** Appends issues as they are found so that every problem is reported, not just the first. */
export class IssueList {
  readonly issues: FieldIssue[] = [];

  add(field: string, what: string, got: unknown): void {
    this.issues.push({ field, message: `${field} ${what} (got ${describeValue(got)})` });
  }

  get length(): number {
    return this.issues.length;
  }
}
