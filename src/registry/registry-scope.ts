import type { Principal } from '../auth/role.js';

/** Which enterprises a caller may see: null means all. */
export interface RegistryScope {
  county: string | null;
  enterpriseCode: string | null;
}

export function scopeOf(p: Principal): RegistryScope {
  switch (p.role) {
    case 'county_officer':
      return { county: p.county ?? '\u0000none', enterpriseCode: null };
    case 'enterprise':
      return { county: null, enterpriseCode: p.enterpriseCode ?? '\u0000none' };
    case 'commander':
    case 'viewer':
    case 'inspector':
      return { county: null, enterpriseCode: null };
    default: {
      const unhandled: never = p.role;
      throw new Error(`no registry scope for role ${String(unhandled)}`);
    }
  }
}

export function inScope(scope: RegistryScope, e: { code: string; county: string }): boolean {
  return (scope.county === null || scope.county === e.county) && (scope.enterpriseCode === null || scope.enterpriseCode === e.code);
}
