import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../auth/role.js';

/** Who is signed in, as the console needs it to show each role only what it may do. */
export class MeDto {
  @ApiProperty()
  username: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, nullable: true })
  county: string | null;

  @ApiProperty({ type: String, nullable: true })
  enterpriseCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  team: string | null;
}

export class SessionDto extends MeDto {
  @ApiProperty({ description: 'Also in the readable hazeops_csrf cookie: send it as X-CSRF-Token on every unsafe request.' })
  csrfToken: string;

  @ApiProperty({ description: 'Seconds until the session ends.' })
  expiresIn: number;

  @ApiProperty({ description: 'After a reset: every route but change-password answers 403 until the password is changed.' })
  mustChangePassword: boolean;
}
