import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../role.js';

export class UserResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  username!: string;

  @ApiProperty({ type: 'string', enum: ROLES })
  role!: string;

  @ApiProperty({ type: 'string', nullable: true })
  county!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  enterpriseCode!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  team!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  displayName!: string | null;

  @ApiProperty({ type: 'boolean' })
  active!: boolean;
}


export class LoginResponse {
  @ApiProperty({ type: 'string', description: 'Send as Authorization: Bearer <accessToken>' })
  accessToken!: string;

  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ type: 'string', enum: ROLES })
  role!: string;
}
