import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from './role.js';

export const ROLES_KEY = 'hazeops:roles';
export const PUBLIC_KEY = 'hazeops:public';
export const PENDING_PASSWORD_KEY = 'hazeops:pending-password';

/** Declares who may call an endpoint. An endpoint with neither @Roles nor @Public is refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Declares an endpoint open to anyone (login, health, signed-link pages). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PUBLIC_TOKEN_KEY = 'hazeops:public-token';

/**
 * Public with a token: no sign-in (the caller is a provider's server), but a secret in the path
 * is the credential, checked by the handler's service in constant time; a wrong one answers 404.
 * `credential` names it (e.g. the environment variable), for the access matrix.
 */
export const PublicWithToken = (credential: string) => applyDecorators(SetMetadata(PUBLIC_KEY, true), SetMetadata(PUBLIC_TOKEN_KEY, credential));

/** The endpoint answers a user whose reset password still has to be changed (change-password itself). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_KEY, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on an endpoint without authentication');
  return principal;
});
