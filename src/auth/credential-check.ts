import { Injectable } from '@nestjs/common';
import { AuthErrorCode } from './auth.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ROLES, type Principal } from './role.js';
import { UserRepository } from './user.repository.js';

/** What a verified token claims about its user. */
export interface TokenClaims {
  sub: string;
  cv?: number;
}

/**
 * Checks a verified token against the user's row on every request: one primary-key lookup,
 * so a deactivation, a reset or a changed scope takes effect at once on every instance.
 * The principal's role and bindings come from the row, not from the (possibly older) token.
 */
@Injectable()
export class CredentialCheck {
  constructor(private readonly users: UserRepository) {}

  async principalOf(claims: TokenClaims, allowPendingPasswordChange: boolean): Promise<Principal> {
    const user = await this.users.credentialsOf(claims.sub);
    if (!user || !user.active) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'This account is deactivated or no longer exists; ask the command center.');
    if (claims.cv !== user.credential_version) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'The password of this account was changed or reset; sign in again.');
    if (!ROLES.includes(user.role)) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'The account has an unknown role; ask the command center.');
    if (user.must_change_password && !allowPendingPasswordChange) {
      throw new DomainError(AuthErrorCode.PASSWORD_CHANGE_REQUIRED, 'Choose a new password first: POST /api/v1/auth/change-password { currentPassword, newPassword }.');
    }
    return { userId: claims.sub, username: user.username, role: user.role, county: user.county, enterpriseCode: user.enterprise_code, team: user.team };
  }
}
