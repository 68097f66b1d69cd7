import { Injectable } from '@nestjs/common';
import { AuthErrorCode } from './auth.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ROLES, type Principal } from './role.js';
import { CredentialCache } from './credential-cache.js';
import { UserRepository, type CredentialRow } from './user.repository.js';

/** What a verified token claims about its user. */
export interface TokenClaims {
  sub: string;
  cv?: number;
}

/**
 * Checks a verified token against the user's row on every request, so a deactivation, a reset
 * or a changed scope takes effect at once on every instance. The row comes from the
 * credential cache when it holds it (kept current by LISTEN/NOTIFY, see credential-cache.ts),
 * else from one primary-key lookup. A token whose credential version differs from the kept
 * row's is checked against the table, never refused on the kept row alone.
 * The principal's role and bindings come from the row, not from the (possibly older) token.
 */
@Injectable()
export class CredentialCheck {
  constructor(
    private readonly users: UserRepository,
    private readonly cache: CredentialCache,
  ) {}

  async principalOf(claims: TokenClaims, allowPendingPasswordChange: boolean): Promise<Principal> {
    const user = await this.row(claims);
    if (!user || !user.active) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'This account is deactivated or no longer exists; ask the command center.');
    if (claims.cv !== user.credential_version) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'The password of this account was changed or reset; sign in again.');
    if (!ROLES.includes(user.role)) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'The account has an unknown role; ask the command center.');
    if (user.must_change_password && !allowPendingPasswordChange) {
      throw new DomainError(AuthErrorCode.PASSWORD_CHANGE_REQUIRED, 'Choose a new password first: POST /api/v1/auth/change-password { currentPassword, newPassword }.');
    }
    return { userId: claims.sub, username: user.username, role: user.role, county: user.county, enterpriseCode: user.enterprise_code, team: user.team };
  }

  private async row(claims: TokenClaims): Promise<CredentialRow | null> {
    const kept = this.cache.get(claims.sub);
    if (kept && kept.credential_version === claims.cv) return kept;
    const epoch = this.cache.mark();
    const user = await this.users.credentialsOf(claims.sub);
    if (user) this.cache.keep(claims.sub, user, epoch);
    return user;
  }
}
