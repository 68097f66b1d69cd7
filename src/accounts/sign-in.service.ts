import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AuthErrorCode } from '../auth/auth.errors.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { TokenPayload } from '../auth/auth.guard.js';
import type { Request, Response } from 'express';
import type { MeDto, SessionDto } from './dto/session.dto.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { CredentialCache } from '../auth/credential-cache.js';
import type { Principal } from '../auth/role.js';
import { clearSessionCookies, readCookie, SESSION_COOKIE, setSessionCookies } from '../auth/session-cookie.js';
import type { UserEntity } from '../auth/user.entity.js';
import { UserRepository } from '../auth/user.repository.js';

// A fixed bcrypt hash so that an unknown username costs as much time as a wrong password.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jcKxGZr3vWZ3bOjHgD8yoL2k6bq2';

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  role: string;
  /** True after a reset: every route but change-password answers 403 until it is changed. */
  mustChangePassword: boolean;
}

@Injectable()
export class SignInService {
  private readonly throttle = new LoginThrottle();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly credentials: CredentialCache,
  ) {}

  async login(username: string, password: string, ip: string): Promise<SignedIn> {
    const key = `${username.toLowerCase()}|${ip}`;
    const retryAfter = this.throttle.blockedFor(key);
    if (retryAfter > 0) {
      throw new DomainError(AuthErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 1000)} s.`, { retryAfterSeconds: Math.ceil(retryAfter / 1000) });
    }
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.throttle.fail(key);
      throw new DomainError(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password.');
    }
    this.throttle.succeed(key);
    return this.issue(user);
  }

  /** Every user changes their own password; other sessions of the account end, this one gets a new token. */
  async changePassword(p: Principal, currentPassword: string, newPassword: string): Promise<SignedIn> {
    if (newPassword === currentPassword)
      throw new DomainError(CommonErrorCode.UNPROCESSABLE, 'The new password must differ from the current one.', [{ field: 'newPassword', message: 'must differ from currentPassword' }]);
    const user = await this.users.findById(p.userId);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new DomainError(CommonErrorCode.UNPROCESSABLE, 'The current password is wrong.', [{ field: 'currentPassword', message: 'does not match' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    const saved = await this.dataSource.transaction(async (manager) => {
      const credentialVersion = await this.users.replacePassword(manager, user.id, passwordHash, user.credentialVersion);
      // Another change or reset came in between: let the user retry with what is now true.
      if (credentialVersion === null) throw new DomainError(CommonErrorCode.CONFLICT, 'The password was changed or reset meanwhile; sign in again.');
      await this.audit.record(manager, p, [{ action: 'user.change-password', entityType: 'user', entityId: user.id, before: null, after: { credentialVersion } }]);
      return { ...user, credentialVersion, mustChangePassword: false };
    });
    // Older tokens end on every instance before this answers (see CredentialCache).
    await this.credentials.propagated();
    return this.issue(saved);
  }

  /** The browser's sign-in: the token goes into the HttpOnly cookie; the body says who and carries the CSRF value. */
  async openSession(username: string, password: string, ip: string, req: Request, res: Response): Promise<SessionDto> {
    const signed = await this.login(username, password, ip);
    const p = this.jwt.decode<TokenPayload>(signed.accessToken);
    const csrfToken = setSessionCookies(req, res, this.config.app.secret, signed.accessToken, signed.expiresIn);
    return {
      username: p.username,
      role: p.role,
      county: p.county,
      enterpriseCode: p.enterpriseCode,
      team: p.team,
      csrfToken,
      expiresIn: signed.expiresIn,
      mustChangePassword: signed.mustChangePassword,
    };
  }

  closeSession(req: Request, res: Response): void {
    clearSessionCookies(req, res);
  }

  me(p: Principal): MeDto {
    return { username: p.username, role: p.role, county: p.county, enterpriseCode: p.enterpriseCode, team: p.team };
  }

  /**
   * A password changed from a signed-in browser: the old token ends with the change, so the
   * session cookie takes the fresh one and the body carries no token; API callers get it in the body.
   */
  async changePasswordFrom(p: Principal, currentPassword: string, newPassword: string, req: Request, res: Response): Promise<SignedIn | (Omit<SignedIn, 'accessToken'> & { csrfToken: string })> {
    const signed = await this.changePassword(p, currentPassword, newPassword);
    const viaCookie = !req.headers.authorization?.startsWith('Bearer ') && readCookie(req, SESSION_COOKIE) !== null;
    if (!viaCookie) return signed;
    const { accessToken, ...rest } = signed;
    return { ...rest, csrfToken: setSessionCookies(req, res, this.config.app.secret, accessToken, signed.expiresIn) };
  }

  private async issue(user: UserEntity): Promise<SignedIn> {
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, county: user.county, enterpriseCode: user.enterpriseCode, team: user.team, cv: user.credentialVersion };
    const expiresIn = this.config.app.tokenTtlSeconds;
    return { accessToken: await this.jwt.signAsync(payload, { expiresIn }), expiresIn, role: user.role, mustChangePassword: user.mustChangePassword };
  }
}
