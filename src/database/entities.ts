import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ContactEntity } from '../registry/contact.entity.js';
import { EnterpriseEntity } from '../registry/enterprise.entity.js';
import { ProductionLineEntity } from '../registry/production-line.entity.js';
import { SeasonCalendarStateEntity } from '../seasons/season-calendar-state.entity.js';
import { SeasonPhaseChangeEntity } from '../seasons/season-phase-change.entity.js';

// Classes, not globs, so the app, vitest and the TypeORM CLI load the same list.
export const ENTITIES = [EnterpriseEntity, ProductionLineEntity, ContactEntity, UserEntity, AuditEntryEntity, SeasonCalendarStateEntity, SeasonPhaseChangeEntity];
