import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { CredentialCache } from './credential-cache.js';
import { CredentialCheck } from './credential-check.js';
import { UserRepository } from './user.repository.js';

/** Who is asking: the global guard and the users table it checks every token against. */
@Global()
@Module({
  providers: [UserRepository, CredentialCache, CredentialCheck, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UserRepository, CredentialCache],
})
export class AuthModule {}
