import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../auth/role.js';

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

  @ApiProperty({ type: 'string', nullable: true, description: 'Mainland mobile number, 11 digits' })
  mobile!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  email!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Work-chat (DingTalk / WeCom) user id' })
  workChatId!: string | null;

  @ApiProperty({ type: 'boolean' })
  active!: boolean;

  @ApiProperty({ type: 'boolean', description: 'True after a reset: the user must change the password before anything else' })
  mustChangePassword!: boolean;
}

export class UserPageResponse {
  @ApiProperty({ type: () => UserResponse, isArray: true })
  items!: UserResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}

export class TemporaryPasswordResponse {
  @ApiProperty({ type: 'string', description: 'Shown once; the user must replace it at the next sign-in' })
  temporaryPassword!: string;
}

export class LoginResponse {
  @ApiProperty({ type: 'string', description: 'Send as Authorization: Bearer <accessToken>' })
  accessToken!: string;

  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ type: 'string', enum: ROLES })
  role!: string;

  @ApiProperty({ type: 'boolean', description: 'True: only POST /api/v1/auth/change-password is allowed until the password is changed' })
  mustChangePassword!: boolean;
}

/** change-password through a browser session: the token stays in the HttpOnly cookie. */
export class PasswordChangedSessionResponse {
  @ApiProperty({ type: 'integer', description: 'Seconds until the session ends' })
  expiresIn!: number;

  @ApiProperty({ type: 'string', enum: ROLES })
  role!: string;

  @ApiProperty({ type: 'boolean' })
  mustChangePassword!: boolean;

  @ApiProperty({ type: 'string', description: 'Also in the readable hazeops_csrf cookie: send it as X-CSRF-Token on every unsafe request' })
  csrfToken!: string;
}
