// Read model: the proof of notice of an order version, joining orders' order_versions and
// the directive's number (directives) with dispatch's outbox and delivery_attempts and
// acknowledgements' own phone_notices. Reads only.
import type { EntityManager } from 'typeorm';

export type NoticeChannel = 'email' | 'webhook' | 'sms' | 'phone' | 'acknowledgement';

/** What proves that an enterprise had been told of an order version by some moment. */
export interface NoticeEvidence {
  orderVersionId: string;
  orderId: string;
  modification: number;
  directiveNumber: string;
  /** The first proof of delivery by the moment; null when there is none. */
  delivered: { channel: NoticeChannel; at: string; recipient: string | null; phoneNoticeId: string | null; answeredBy: string | null } | null;
  /** The receipt, when it came by the moment. */
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/**
 * The proof of notice of a version as of `by`: a successful delivery attempt of its order
 * notice (an SMS: its receipt "delivered to the handset"), a recorded phone notice, or the enterprise's own receipt — whichever came first.
 */
export async function noticeEvidence(manager: EntityManager, versionId: string, by: Date): Promise<NoticeEvidence | null> {
  const [version] = await manager.query(
    `SELECT v.id, v.order_id, v.modification, v.acknowledged_at, v.acknowledged_by, d.number
     FROM order_versions v JOIN directives d ON d.id = v.directive_id WHERE v.id = $1`,
    [versionId],
  );
  if (!version) return null;
  // On a tie the more specific proof wins (a phone call also sets the receipt).
  const [first] = await manager.query(
    `SELECT * FROM (
       SELECT o.channel, min(a.at) AS at, o.recipient, NULL::text AS phone_notice_id, NULL::text AS answered_by, 1 AS rank
       FROM outbox o JOIN delivery_attempts a ON a.outbox_id = o.id AND a.ok
       WHERE o.order_version_id = $1 AND o.kind = 'order' AND o.channel <> 'sms' AND a.at <= $2 GROUP BY o.id, o.channel, o.recipient
       UNION ALL
       -- An SMS proves notice only once its receipt says it reached the handset, as of that receipt.
       SELECT o.channel, min(a.receipt_at), o.recipient, NULL, NULL, 1
       FROM outbox o JOIN delivery_attempts a ON a.outbox_id = o.id AND a.ok AND a.receipt_status = 'delivered'
       WHERE o.order_version_id = $1 AND o.kind = 'order' AND o.channel = 'sms' AND a.receipt_at <= $2 GROUP BY o.id, o.channel, o.recipient
       UNION ALL
       SELECT 'phone', p.called_at, p.phone, p.id::text, p.answered_by, 0 FROM phone_notices p WHERE p.order_version_id = $1 AND p.called_at <= $2
       UNION ALL
       SELECT 'acknowledgement', v.acknowledged_at, v.acknowledged_by, NULL, NULL, 2 FROM order_versions v WHERE v.id = $1 AND v.acknowledged_at <= $2
     ) x ORDER BY at, rank LIMIT 1`,
    [versionId, by],
  );
  const acknowledged = version.acknowledged_at && (version.acknowledged_at as Date).getTime() <= by.getTime();
  return {
    orderVersionId: version.id,
    orderId: version.order_id,
    modification: version.modification,
    directiveNumber: version.number,
    delivered: first
      ? {
          channel: first.channel as NoticeChannel,
          at: (first.at as Date).toISOString(),
          recipient: first.recipient ?? null,
          phoneNoticeId: first.phone_notice_id ?? null,
          answeredBy: first.answered_by ?? null,
        }
      : null,
    acknowledgedAt: acknowledged ? (version.acknowledged_at as Date).toISOString() : null,
    acknowledgedBy: acknowledged ? version.acknowledged_by : null,
  };
}
