import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/role.js';

/** A change of role or scope binding; the binding the (new) role needs is validated like on create. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'For county_officer: a configured county name', example: '修武县' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  county?: string;

  @ApiPropertyOptional({ description: 'For enterprise users: the enterprise code' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  enterpriseCode?: string;

  @ApiPropertyOptional({ description: 'For inspectors: the key of an existing team', example: 'team-1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  team?: string;
}
