/** What needs a person; `notice_missing`: a violation the city never notified; `report_discrepancy`: a status report contradicting the order. */
export const ALERT_KINDS = ['no_channel', 'ack_reminder', 'ack_overdue', 'report_missing', 'notice_missing', 'report_discrepancy'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface NewAlert {
  dedupeKey: string;
  kind: AlertKind;
  stage: number;
  county: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  message: string;
}
