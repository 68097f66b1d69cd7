import { Body, Controller, Delete, Get, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AllowPendingPasswordChange, CurrentPrincipal, Public, Roles } from '../auth/auth.decorators.js';
import { SignInService } from './sign-in.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { MeDto, SessionDto } from './dto/session.dto.js';
import { ROLES, type Principal } from '../auth/role.js';
import { LoginResponse, PasswordChangedSessionResponse } from './dto/user-response.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: SignInService) {}

  /** Per address, on top of the per-username throttle in SignInService. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiResponse({ status: 200, type: LoginResponse })
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.username, dto.password, ip);
  }

  /** The browser's sign-in: the token goes into an HttpOnly cookie, never into script-readable storage. */
  @Post('session')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiResponse({ status: 200, type: SessionDto })
  openSession(@Body() dto: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    return this.auth.openSession(dto.username, dto.password, ip, req, res);
  }

  @Delete('session')
  @Public()
  @HttpCode(204)
  closeSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    this.auth.closeSession(req, res);
  }

  @Get('me')
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @ApiResponse({ status: 200, type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return this.auth.me(principal);
  }

  /** Every user, also one whose reset password must be replaced; answers a fresh token (in the session cookie for a browser). */
  @Post('change-password')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @ApiExtraModels(LoginResponse, PasswordChangedSessionResponse)
  @ApiResponse({
    status: 200,
    description: 'A bearer caller gets a fresh token; a browser session gets its cookie renewed',
    schema: { oneOf: [{ $ref: getSchemaPath(LoginResponse) }, { $ref: getSchemaPath(PasswordChangedSessionResponse) }] },
  })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.auth.changePasswordFrom(principal, dto.currentPassword, dto.newPassword, req, res);
  }
}
