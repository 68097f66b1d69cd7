import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthErrorCode, DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { TokenPayload } from './auth.guard.js';
import type { Request, Response } from 'express';
import type { MeDto, SessionDto } from './dto/session.dto.js';
import { LoginThrottle } from './login-throttle.js';
import type { Principal } from './role.js';
import { clearSessionCookies, setSessionCookies } from './session-cookie.js';
import { verifyPassword } from './password.js';
import { UserEntity } from './user.entity.js';

// A fixed bcrypt hash so that an unknown username costs as much time as a wrong password.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jcKxGZr3vWZ3bOjHgD8yoL2k6bq2';

@Injectable()
export class AuthService {
  private readonly throttle = new LoginThrottle();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ accessToken: string; expiresIn: number; role: string }> {
    const { accessToken, expiresIn, payload } = await this.signIn(username, password, ip);
    return { accessToken, expiresIn, role: payload.role };
  }

  private async signIn(username: string, password: string, ip: string): Promise<{ accessToken: string; expiresIn: number; payload: TokenPayload }> {
    const key = `${username.toLowerCase()}|${ip}`;
    const retryAfter = this.throttle.blockedFor(key);
    if (retryAfter > 0) {
      throw new DomainError(AuthErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 1000)} s.`, { retryAfterSeconds: Math.ceil(retryAfter / 1000) });
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.throttle.fail(key);
      throw new DomainError(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password.');
    }
    this.throttle.succeed(key);
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, county: user.county, enterpriseCode: user.enterpriseCode, team: user.team };
    const expiresIn = this.config.app.tokenTtlSeconds;
    return { accessToken: await this.jwt.signAsync(payload, { expiresIn }), expiresIn, payload };
  }

  async openSession(username: string, password: string, ip: string, req: Request, res: Response): Promise<SessionDto> {
    const { accessToken, expiresIn, payload } = await this.signIn(username, password, ip);
    const csrfToken = setSessionCookies(req, res, this.config.app.secret, accessToken, expiresIn);
    return { username: payload.username, role: payload.role, county: payload.county, enterpriseCode: payload.enterpriseCode, team: payload.team, csrfToken, expiresIn };
  }

  closeSession(req: Request, res: Response): void {
    clearSessionCookies(req, res);
  }

  me(p: Principal): MeDto {
    return { username: p.username, role: p.role, county: p.county, enterpriseCode: p.enterpriseCode, team: p.team };
  }
}
