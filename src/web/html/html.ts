/**
 * HTML escaping by construction: `html` is a tagged template whose interpolations are escaped
 * unless they are already `SafeHtml` (made by `html` itself, or by `raw` for trusted
 * constants). A renderer that only builds with `html` cannot forget to escape. Pure (no Node
 * or browser imports).
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element text and in quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const MINT: unique symbol = Symbol('SafeHtml');

/** Markup that is already safe to place as is; only `html` and `raw` below can make one. */
export class SafeHtml {
  readonly #markup: string;

  constructor(markup: string, mint: typeof MINT) {
    if (mint !== MINT) throw new Error('SafeHtml is made by html`…` or raw(), not by hand');
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

/**
 * What may be interpolated: text and numbers (escaped), SafeHtml (as is), arrays of these
 * (concatenated), and `false`/null/undefined (nothing, for `${cond && html`…`}`).
 */
export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value as string | number);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out, MINT);
}

/** Trusted markup as is: only for constants written in this code base, never for data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup, MINT);
}

/** Joins fragments with a separator (which is markup, e.g. `<br>`). */
export function joinHtml(items: readonly HtmlValue[], separator: SafeHtml): SafeHtml {
  return new SafeHtml(items.map(render).join(separator.toString()), MINT);
}
