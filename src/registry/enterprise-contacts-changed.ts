import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service.js';
import type { Enterprise } from '../rules/enterprise.js';

/** How an enterprise is reached, as far as a change of it matters to whoever sends it notices. */
export type ContactTargets = Pick<Enterprise, 'code' | 'contacts' | 'webhookUrl'>;

export interface ContactChange {
  /** null: the enterprise is new. */
  before: ContactTargets | null;
  after: ContactTargets;
}

/**
 * Registry announces that enterprises' contacts changed; whoever sends them notices listens
 * (bound in the composition root), so the registry knows nothing of orders or dispatch.
 */
export abstract class EnterpriseContactsChanged {
  /** Inside the registry change's transaction; answers how many notices were queued again. */
  abstract changed(manager: EntityManager, actor: Actor, changes: ContactChange[]): Promise<number>;

  /** After that transaction committed (e.g. so that delivery starts at once). */
  abstract committed(): void;
}
