import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { ConfigService } from '../config/config.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard, TOKEN_ISSUER } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { CredentialCheck } from './credential-check.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ secret: config.app.secret, signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER }, verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER } }),
    }),
    ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 60 }]),
  ],
  controllers: [AuthController, UsersController],
  providers: [AuthService, UsersService, CredentialCheck, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService],
})
export class AuthModule {}
