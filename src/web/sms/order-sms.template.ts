import type { OrderNoticeView } from '../notices/order-notice.view.js';
import { formatLocalTime } from '../shared/order-wording.js';

/** `12月3日 00:00`: the start in the city's zone, without the year (an SMS is read the same season). */
export function smsStartText(iso: string, timeZone: string): string {
  return formatLocalTime(iso, timeZone).replace(/^\d+年/, '');
}

/** The values an order or reminder SMS template takes: directive number, level, start, the short link and the reply code. */
export function orderSmsValues(view: OrderNoticeView, shortUrl: string, replyCode: string): { directiveNumber: string; level: string; start: string; link: string; code: string } {
  return {
    directiveNumber: view.directiveNumber ?? '',
    level: view.levelName ?? view.phaseName ?? '',
    start: smsStartText(view.effectiveFrom, view.timezone),
    link: shortUrl,
    code: replyCode,
  };
}
