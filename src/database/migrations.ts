import type { MigrationInterface } from 'typeorm';
import { Foundation1795898881690 } from '../../migrations/1795898881690-Foundation.js';
import { AuditAppendOnly1795898881691 } from '../../migrations/1795898881691-AuditAppendOnly.js';
import { SeasonCalendar1795899550533 } from '../../migrations/1795899550533-SeasonCalendar.js';
import { Directives1795900002165 } from '../../migrations/1795900002165-Directives.js';
import { Inspections1795901215387 } from '../../migrations/1795901215387-Inspections.js';
import { OrderTimeline1796100000000 } from '../../migrations/1796100000000-OrderTimeline.js';
import { OrderIntervalsBackfill1796100000001 } from '../../migrations/1796100000001-OrderIntervalsBackfill.js';
import { AccountLifecycle1796000000100 } from '../../migrations/1796000000100-AccountLifecycle.js';
import { TeamBindingsBackfill1796000000101 } from '../../migrations/1796000000101-TeamBindingsBackfill.js';
import { AuditHashChain1796000000200 } from '../../migrations/1796000000200-AuditHashChain.js';
import { AuditChainClaim1796000000201 } from '../../migrations/1796000000201-AuditChainClaim.js';
import { EvidenceExif1796000000300 } from '../../migrations/1796000000300-EvidenceExif.js';
import { NoticeEvidence1796100000100 } from '../../migrations/1796100000100-NoticeEvidence.js';
import { DirectiveOrdersIndex1796200000000 } from '../../migrations/1796200000000-DirectiveOrdersIndex.js';
import { SeasonPhaseChangesAhead1796300000500 } from '../../migrations/1796300000500-SeasonPhaseChangesAhead.js';
import { LineEmissions1796400012100 } from '../../migrations/1796400012100-LineEmissions.js';
import { EnterpriseGrading1796400012200 } from '../../migrations/1796400012200-EnterpriseGrading.js';
import { RobotPosts1796500013300 } from '../../migrations/1796500013300-RobotPosts.js';
import { SmsChannel1796500013400 } from '../../migrations/1796500013400-SmsChannel.js';
import { ContactChannels1796600013700 } from '../../migrations/1796600013700-ContactChannels.js';
import { DutyRoster1796600013800 } from '../../migrations/1796600013800-DutyRoster.js';
import { DirectiveProgressCounters1796600014200 } from '../../migrations/1796600014200-DirectiveProgressCounters.js';
import { ListKeysetIndexes1796600014210 } from '../../migrations/1796600014210-ListKeysetIndexes.js';
import { CredentialNotices1796600014300 } from '../../migrations/1796600014300-CredentialNotices.js';
import { DrawInputsJson1796600014400 } from '../../migrations/1796600014400-DrawInputsJson.js';
import { DirectiveProgressBulkNotices1796600014500 } from '../../migrations/1796600014500-DirectiveProgressBulkNotices.js';
import { RegistrySnapshotVersion1796600014600 } from '../../migrations/1796600014600-RegistrySnapshotVersion.js';
import { ProgressIgnoresLadder1796600014700 } from '../../migrations/1796600014700-ProgressIgnoresLadder.js';
import { RegistryReachable1796600014900 } from '../../migrations/1796600014900-RegistryReachable.js';
import { AuditLz41796600014910 } from '../../migrations/1796600014910-AuditLz4.js';
import { OrderTimelineVersion1796600015000 } from '../../migrations/1796600015000-OrderTimelineVersion.js';

// Migrations in order; each new migration class is appended here (classes, not globs).
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Foundation1795898881690,
  AuditAppendOnly1795898881691,
  SeasonCalendar1795899550533,
  Directives1795900002165,
  Inspections1795901215387,
  OrderTimeline1796100000000,
  OrderIntervalsBackfill1796100000001,
  AccountLifecycle1796000000100,
  TeamBindingsBackfill1796000000101,
  AuditHashChain1796000000200,
  AuditChainClaim1796000000201,
  EvidenceExif1796000000300,
  NoticeEvidence1796100000100,
  DirectiveOrdersIndex1796200000000,
  SeasonPhaseChangesAhead1796300000500,
  LineEmissions1796400012100,
  EnterpriseGrading1796400012200,
  RobotPosts1796500013300,
  SmsChannel1796500013400,
  ContactChannels1796600013700,
  DutyRoster1796600013800,
  DirectiveProgressCounters1796600014200,
  ListKeysetIndexes1796600014210,
  CredentialNotices1796600014300,
  DrawInputsJson1796600014400,
  DirectiveProgressBulkNotices1796600014500,
  RegistrySnapshotVersion1796600014600,
  ProgressIgnoresLadder1796600014700,
  RegistryReachable1796600014900,
  AuditLz41796600014910,
  OrderTimelineVersion1796600015000,
];
