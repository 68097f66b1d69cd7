import type request from 'supertest';
import { type AckPageModel, describeAckPage } from '../../src/web/shared/ack-page-model.js';

type TestAgent = ReturnType<typeof request>;

/** The `/ack/<token>` path of a link in an e-mail's text. */
export function ackPathIn(text: string): string {
  const m = /https?:\/\/[^\s<>"]+\/ack\/[A-Za-z0-9_.-]+/.exec(text);
  if (!m) throw new Error('no acknowledgement link in the mail');
  return new URL(m[0]).pathname;
}

/**
 * Everything the acknowledgement page says for a link, as one text: the server's view model
 * (`GET /api/v1/ack/:token`) through the page's own `describeAckPage`, without a browser.
 */
export async function ackPageText(http: TestAgent, ackPath: string, expectStatus = 200): Promise<{ model: AckPageModel; text: string }> {
  const res = await http.get(`/api/v1${ackPath}`).expect(expectStatus);
  const model = res.body as AckPageModel;
  const v = describeAckPage(model);
  const parts = [
    v.title,
    ...v.notices.flatMap((n) => n.lines),
    ...v.facts.map(([k, val]) => `${k}：${val}`),
    ...(v.lines ?? []).flatMap((l) => [l.label, l.requirement, ...l.basis, l.implementation?.done ? l.implementation.text : '']),
    ...v.wide,
    ...v.notes,
    v.canAcknowledge ? '确认签收' : '',
  ];
  return { model, text: parts.filter(Boolean).join('\n') };
}
