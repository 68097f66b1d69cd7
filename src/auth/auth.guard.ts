import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthErrorCode } from './auth.errors.js';
import { DomainError } from '../common/domain-error.js';
import { PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators.js';
import { ConfigService } from '../config/config.service.js';
import { Hs256Verifier } from './hs256-verifier.js';
import { requestToken } from './session-cookie.js';
import { CredentialCheck } from './credential-check.js';
import type { Role } from './role.js';

export const TOKEN_ISSUER = 'hazeops';

interface TokenPayload {
  sub: string;
  username: string;
  role: Role;
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
  /** The user's credential version when the token was issued. */
  cv: number;
}

/** Global guard: fails closed. Every handler must say @Public() or @Roles(...). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: Hs256Verifier;
  private readonly secret: string;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService,
    private readonly credentials: CredentialCheck,
  ) {
    this.secret = config.app.secret;
    this.verifier = new Hs256Verifier(config.app.secret, TOKEN_ISSUER);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw new DomainError(AuthErrorCode.FORBIDDEN, 'This endpoint declares no roles and is closed.');

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = requestToken(req, this.secret);
    if (!token) {
      throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'Sign in first: send "Authorization: Bearer <accessToken>" from POST /api/v1/auth/login, or sign in through POST /api/v1/auth/session.');
    }
    const payload = await this.verify(token);
    const principal = await this.credentials.principalOf(payload, this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets) === true);
    req.principal = principal;
    if (!roles.includes(principal.role)) {
      throw new DomainError(AuthErrorCode.FORBIDDEN, `Your role (${principal.role}) may not do this; allowed: ${roles.join(', ')}.`);
    }
    return true;
  }

  private async verify(token: string): Promise<TokenPayload> {
    const result = this.verifier.verify<TokenPayload>(token, Date.now());
    if (!result.ok) throw new DomainError(AuthErrorCode.UNAUTHENTICATED, 'The access token is invalid or has expired; sign in again.');
    return result.payload;
  }
}

export type { TokenPayload };
