import type { MigrationInterface } from 'typeorm';
import { Foundation1795898881690 } from '../../migrations/1795898881690-Foundation.js';
import { AuditAppendOnly1795898881691 } from '../../migrations/1795898881691-AuditAppendOnly.js';
import { SeasonCalendar1795899550533 } from '../../migrations/1795899550533-SeasonCalendar.js';
import { Directives1795900002165 } from '../../migrations/1795900002165-Directives.js';
import { Inspections1795901215387 } from '../../migrations/1795901215387-Inspections.js';
import { OrderTimeline1796100000000 } from '../../migrations/1796100000000-OrderTimeline.js';
import { OrderIntervalsBackfill1796100000001 } from '../../migrations/1796100000001-OrderIntervalsBackfill.js';
import { DirectiveOrdersIndex1796200000000 } from '../../migrations/1796200000000-DirectiveOrdersIndex.js';

// Migrations in order; each new migration class is appended here (classes, not globs).
export const MIGRATIONS: Array<new () => MigrationInterface> = [Foundation1795898881690, AuditAppendOnly1795898881691, SeasonCalendar1795899550533, Directives1795900002165, Inspections1795901215387, OrderTimeline1796100000000, OrderIntervalsBackfill1796100000001, DirectiveOrdersIndex1796200000000];
