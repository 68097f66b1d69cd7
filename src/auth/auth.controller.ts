import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AllowPendingPasswordChange, CurrentPrincipal, Public, Roles } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { ROLES, type Principal } from './role.js';
import { LoginResponse } from './dto/user-response.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Per address, on top of the per-username throttle in AuthService. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiResponse({ status: 200, type: LoginResponse })
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.username, dto.password, ip);
  }

  /** Every user, also one whose reset password must be replaced; answers a fresh token. */
  @Post('change-password')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...ROLES)
  @AllowPendingPasswordChange()
  @ApiResponse({ status: 200, type: LoginResponse })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(principal, dto.currentPassword, dto.newPassword);
  }
}
