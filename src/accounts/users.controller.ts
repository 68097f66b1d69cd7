import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { ListUsersQuery } from './dto/list-users.query.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { ROLES, type Principal } from '../auth/role.js';
import { UserContactsDto } from './dto/user-contacts.dto.js';
import { UsersService } from './users.service.js';
import { TemporaryPasswordResponse, UserPageResponse, UserResponse } from './dto/user-response.dto.js';

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
  @ApiResponse({ status: 200, type: UserPageResponse })
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  /** Every user keeps their own contacts (declared before `:id` so that `me` is not taken for an id). */
  @Patch('me/contacts')
  @Roles(...ROLES)
  @ApiResponse({ status: 200, type: UserResponse })
  updateOwnContacts(@CurrentPrincipal() principal: Principal, @Body() dto: UserContactsDto) {
    return this.users.updateContacts(principal, principal.userId, dto);
  }

  @Patch(':id/contacts')
  @Roles('commander')
  @ApiResponse({ status: 200, type: UserResponse })
  updateContacts(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UserContactsDto) {
    return this.users.updateContacts(principal, id, dto);
  }

  @Patch(':id')
  @Roles('commander')
  @ApiResponse({ status: 200, type: UserResponse })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(principal, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: UserResponse })
  deactivate(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.users.setActive(principal, id, false);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: UserResponse })
  activate(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.users.setActive(principal, id, true);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: TemporaryPasswordResponse })
  resetPassword(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.users.resetPassword(principal, id);
  }
}
