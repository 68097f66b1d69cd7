import type { ConfigService } from '../config/config.service.js';
import type { OrderVersionView } from '../orders/order-view.js';
import { signLinkToken } from './signed-link.js';

/** The signed acknowledgement link of a version, valid for the configured days from now. */
export function ackLink(config: ConfigService, view: Pick<OrderVersionView, 'versionId' | 'enterprise'>, now: Date): { url: string; expiresAt: string } {
  const expiresAt = now.getTime() + config.dispatch.linkValidityDays * 86_400_000;
  const token = signLinkToken({ orderVersionId: view.versionId, enterpriseCode: view.enterprise.code, expiresAt }, config.app.secret);
  return { url: `${config.app.publicBaseUrl}/ack/${token}`, expiresAt: new Date(expiresAt).toISOString() };
}
