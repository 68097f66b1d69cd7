import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/role.js';
import { UserContactsDto } from './user-contacts.dto.js';

export class CreateUserDto extends UserContactsDto {
  @ApiProperty({ example: 'xiuwu-officer' })
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/, { message: 'username must be 3–64 letters, digits or _ . @ -' })
  username: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters long' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'Required for county_officer: a configured county name', example: '修武县' })
  @IsOptional()
  @IsString()
  county?: string;

  @ApiPropertyOptional({ description: 'Required for enterprise users: the enterprise code' })
  @IsOptional()
  @IsString()
  enterpriseCode?: string;

  @ApiPropertyOptional({ description: 'Required for inspectors: the inspection team' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  team?: string;

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;
}
