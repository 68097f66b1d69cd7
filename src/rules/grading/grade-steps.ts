import type { LevelDefinition } from '../levels/level-ladder.js';
import type { Reason } from '../reason.js';
import type { GradeTreatment, GradingTable } from './grading-table.js';

/** What one grade does at one level of the ladder, with its frozen reason (rule `grading.<grade>.<level>`). */
export interface GradeStep {
  readonly treatment: GradeTreatment;
  readonly reason: Reason;
}

/** Per grade, one step per ladder index (null where the grade takes the listed measures). */
export type GradeSteps = ReadonlyMap<string, readonly (GradeStep | null)[]>;

function text(row: string, level: string, t: GradeTreatment, source: string): string {
  const basis = `（绩效分级，依据《${source}》）`;
  switch (t.kind) {
    case 'exempt':
      return `${row}：${level}豁免应急减排清单措施，自主采取减排措施${basis}`;
    case 'cap':
      return `${row}：${level}以最大生产负荷${t.maxLoadPercent}%代替应急减排清单中的停产措施${basis}`;
    case 'full_stop':
      return `${row}：${level}全部生产线停产${basis}`;
    case 'listed':
      return `${row}：${level}执行应急减排清单措施${basis}`;
  }
}

function compile(table: GradingTable, ladder: readonly LevelDefinition[]): GradeSteps {
  const out = new Map<string, (GradeStep | null)[]>();
  for (const [grade, row] of Object.entries(table.grades)) {
    out.set(
      grade,
      ladder.map((l) => {
        const t = row.levels[l.key];
        if (t === undefined || t.kind === 'listed') return null;
        return Object.freeze({ treatment: t, reason: Object.freeze({ rule: `grading.${grade}.${l.key}`, clause: table.clause, text: text(row.name, l.name, t, table.source) }) });
      }),
    );
  }
  return out;
}

const cache = new WeakMap<GradingTable, WeakMap<readonly LevelDefinition[], GradeSteps>>();

/** The compiled table, cached by the identity of the table and the ladder. */
export function gradeSteps(table: GradingTable, ladder: readonly LevelDefinition[]): GradeSteps {
  let byLadder = cache.get(table);
  if (!byLadder) cache.set(table, (byLadder = new WeakMap()));
  let steps = byLadder.get(ladder);
  if (!steps) byLadder.set(ladder, (steps = compile(table, ladder)));
  return steps;
}
