import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TOKEN_ISSUER } from '../auth/auth.guard.js';
import { ConfigService } from '../config/config.service.js';
import { InspectionsModule } from '../inspections/inspections.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { AuthController } from './auth.controller.js';
import { SignInService } from './sign-in.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts: sign-in, sessions, password changes and the commander's user management (audited). */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ secret: config.app.secret, signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER }, verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER } }),
    }),
    ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 60 }]),
    RegistryModule,
    InspectionsModule,
  ],
  controllers: [AuthController, UsersController],
  providers: [SignInService, UsersService],
  exports: [UsersService],
})
export class AccountsModule {}
