import { LedgerEntryEntity } from '../compliance/ledger-entry.entity.js';
import { DrawEntity } from '../inspections/draw.entity.js';
import { EvidenceEntity } from '../inspections/evidence.entity.js';
import { FindingEntity } from '../inspections/finding.entity.js';
import { InspectionTaskEntity } from '../inspections/inspection-task.entity.js';
import { PowerReadingEntity } from '../inspections/power-reading.entity.js';
import { TeamEntity } from '../inspections/team.entity.js';
import { AlertEntity } from '../acknowledgements/alert.entity.js';
import { StatusReportEntity } from '../acknowledgements/status-report.entity.js';
import { CountyLevelEntity } from '../directives/county-level.entity.js';
import { DirectiveSequenceEntity } from '../directives/directive-sequence.entity.js';
import { DirectiveProgressEntity } from '../directives/directive-progress.entity.js';
import { OrderVersionNoticeEntity } from '../directives/order-version-notice.entity.js';
import { RegistrySnapshotVersionEntity } from '../registry/registry-snapshot-version.entity.js';
import { RegistryChangeEntity } from '../registry/registry-change.entity.js';
import { DirectiveEntity } from '../directives/directive.entity.js';
import { DeliveryAttemptEntity } from '../dispatch/delivery-attempt.entity.js';
import { OutboxEntity } from '../dispatch/outbox.entity.js';
import { RobotPostEntity } from '../dispatch/robot-post.entity.js';
import { SmsSendEntity } from '../dispatch/sms-send.entity.js';
import { AckShortLinkEntity } from '../acknowledgements/ack-short-link.entity.js';
import { SmsReplyEntity } from '../acknowledgements/sms-reply.entity.js';
import { DutyHandoverEntity } from '../duty/duty-handover.entity.js';
import { DutyShiftEntity } from '../duty/duty-shift.entity.js';
import { DutySwapEntity } from '../duty/duty-swap.entity.js';
import { OrderVersionEntity } from '../orders/order-version.entity.js';
import { OrderEntity } from '../orders/order.entity.js';
import { OrderTimelineVersionEntity } from '../orders/order-timeline-version.entity.js';
import { PhoneNoticeEntity } from '../acknowledgements/phone-notice.entity.js';
import { JobRunEntity } from '../scheduling/job-run.entity.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ContactEntity } from '../registry/contact.entity.js';
import { EnterpriseEntity } from '../registry/enterprise.entity.js';
import { ProductionLineEntity } from '../registry/production-line.entity.js';
import { SeasonCalendarStateEntity } from '../seasons/season-calendar-state.entity.js';
import { SeasonPhaseChangeEntity } from '../seasons/season-phase-change.entity.js';

// Classes, not globs, so the app, vitest and the TypeORM CLI load the same list.
export const ENTITIES = [
  EnterpriseEntity,
  ProductionLineEntity,
  ContactEntity,
  UserEntity,
  AuditEntryEntity,
  SeasonCalendarStateEntity,
  SeasonPhaseChangeEntity,
  CountyLevelEntity,
  DirectiveEntity,
  DirectiveSequenceEntity,
  DirectiveProgressEntity,
  OrderVersionNoticeEntity,
  RegistrySnapshotVersionEntity,
  RegistryChangeEntity,
  OrderEntity,
  OrderVersionEntity,
  OrderTimelineVersionEntity,
  OutboxEntity,
  DeliveryAttemptEntity,
  RobotPostEntity,
  SmsSendEntity,
  AckShortLinkEntity,
  SmsReplyEntity,
  AlertEntity,
  StatusReportEntity,
  JobRunEntity,
  TeamEntity,
  DrawEntity,
  InspectionTaskEntity,
  FindingEntity,
  EvidenceEntity,
  PowerReadingEntity,
  LedgerEntryEntity,
  PhoneNoticeEntity,
  DutyShiftEntity,
  DutyHandoverEntity,
  DutySwapEntity,
];
