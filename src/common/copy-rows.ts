import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes one value for COPY's text format (one pass, none for most values); objects travel as JSON. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]!) : s;
}

/** COPY rows into a table over a pg client: PostgreSQL's fastest way in. */
export async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const chunks = (function* () {
    let batch: string[] = [];
    for (const r of rows) {
      batch.push(r.map(cell).join('\t'));
      if (batch.length === 1000) {
        yield batch.join('\n') + '\n';
        batch = [];
      }
    }
    if (batch.length) yield batch.join('\n') + '\n';
  })();
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/**
 * COPY inside the caller's TypeORM transaction (same connection), for rows that are new by
 * construction (fresh ids and keys): a conflict would abort the transaction, as it should.
 */
export async function copyInTransaction(manager: EntityManager, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) throw new Error('copyInTransaction needs a transaction');
  const client = (await runner.connect()) as pg.ClientBase;
  await copyRows(client, table, columns, rows);
}
