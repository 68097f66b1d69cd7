import type { ConfigService } from '../config/config.service.js';
import type { OrderVersionView } from '../orders/order-view.js';

/** What the order e-mail and the acknowledgement page both show of a version, in people's words. */
export function orderTemplateFields(config: ConfigService, view: OrderVersionView) {
  return {
    commandCenter: config.city.city.commandCenter,
    directiveNumber: view.directiveNumber,
    enterprise: { code: view.enterprise.code, name: view.enterprise.name, county: view.enterprise.county },
    modification: view.modification,
    supersedes: view.modification > 1 ? view.modification - 1 : null,
    levelName: config.levelName(view.level),
    phaseName: config.phaseName(view.phase),
    effectiveFrom: view.effectiveFrom,
    effectiveTo: view.effectiveTo,
    ackDeadline: view.ackDeadline,
    lines: view.lines,
    stoppedCapacityPercent: view.stoppedCapacityPercent,
    maxLoadPercent: view.maxLoadPercent,
    // A closing version says so first: the lines may run again.
    notes: view.ends ? ['本版指令解除此前的生产调控要求，各生产线可恢复正常生产。', ...view.notes] : view.notes,
    timezone: config.city.city.timezone,
  };
}
