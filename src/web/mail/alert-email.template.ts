import { html } from '../html/html.js';

/** An alert notice to officers or the duty desk: one list item per alert, the same lines as text and HTML. */
export function renderAlertList(messages: readonly string[]): { text: string; html: string } {
  return {
    text: messages.map((m) => `- ${m}`).join('\n'),
    html: String(html`<ul>${messages.map((m) => html`<li>${m}</li>`)}</ul>`),
  };
}
