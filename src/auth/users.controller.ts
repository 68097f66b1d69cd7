import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from './auth.decorators.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import type { Principal } from './role.js';
import { UsersService } from './users.service.js';
import { UserResponse } from './dto/user-response.dto.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('commander')
  @ApiResponse({ status: 201, type: UserResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(principal, dto);
  }

  @Get()
  @Roles('commander')
  @ApiResponse({ status: 200, type: UserResponse, isArray: true })
  list() {
    return this.users.list();
  }
}
