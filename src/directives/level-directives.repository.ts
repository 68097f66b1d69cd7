import type { EntityManager } from 'typeorm';
import type { LevelKey } from '../rules/levels/level-ladder.js';

/** A level directive as the public warning feed reads it. */
export interface LevelDirectiveRow {
  id: string;
  number: string;
  kind: 'issue' | 'adjust' | 'lift' | 'expire';
  level: LevelKey | null;
  counties: string[];
  starts_at: Date;
  ends_at: Date | null;
  basis: string;
  issued_at: Date;
}

/** Every level directive (issue, adjust, lift, expire) in the order it was issued. */
export function levelDirectivesInIssueOrder(manager: EntityManager): Promise<LevelDirectiveRow[]> {
  return manager.query(
    `SELECT id, number, kind, level, counties, starts_at, ends_at, basis, issued_at FROM directives
     WHERE kind IN ('issue', 'adjust', 'lift', 'expire') ORDER BY issued_at, number`,
  );
}
