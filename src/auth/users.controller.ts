import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from './auth.decorators.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import type { Principal } from './role.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('commander')
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(principal, dto);
  }

  @Get()
  @Roles('commander')
  list() {
    return this.users.list();
  }
}
