import { In, type EntityManager } from 'typeorm';
import { ContactEntity } from './contact.entity.js';
import { EnterpriseEntity } from './enterprise.entity.js';
import { ProductionLineEntity } from './production-line.entity.js';

/** Loads enterprises with their lines and contacts in three queries (no per-row joins). */
export async function loadEnterpriseEntities(manager: EntityManager, codes: string[], lock = false): Promise<Map<string, EnterpriseEntity>> {
  const out = new Map<string, EnterpriseEntity>();
  const CHUNK = 5000;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const part = codes.slice(i, i + CHUNK);
    const rows = await manager.getRepository(EnterpriseEntity).find({ where: { code: In(part) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    for (const r of rows) {
      r.lines = [];
      r.contacts = [];
      out.set(r.code, r);
    }
    const lines = await manager.getRepository(ProductionLineEntity).find({ where: { enterpriseCode: In(part) } });
    for (const l of lines) out.get(l.enterpriseCode)?.lines.push(l);
    const contacts = await manager.getRepository(ContactEntity).find({ where: { enterpriseCode: In(part) } });
    for (const c of contacts) out.get(c.enterpriseCode)?.contacts.push(c);
  }
  return out;
}
