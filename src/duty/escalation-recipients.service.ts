import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigService } from '../config/config.service.js';
import type { DutyPerson, OnDuty } from './duty-person.js';
import { countyOfficers } from './duty-people.read-model.js';
import { DutyService } from './duty.service.js';

export type { DutyPerson, OnDuty } from './duty-person.js';

/**
 * Who the acknowledgement escalation reaches, as people with their contacts. A stable interface
 * for the escalation and its ladder (issue 13, items 4 and 8) — change it only additively:
 *
 * - `countyStage1(countyCode)`: stage 1 of a county (by its division code from city.yaml): the
 *   active users with role `county_officer` bound to that county, in username order. The
 *   addresses in `config/dispatch.yaml` `escalation.counties.<code>.officerEmails` are not
 *   people and stay with the caller.
 * - `onDutyAt(t)`: the command center's shift in force at t (its [start, end) holds t), with its
 *   duty officer (stage 2) and shift leader (when the duty officer does not answer); null when
 *   the roster has no shift then.
 *
 * Each person is `{ userId, name, email | null, mobile | null, workChatId | null }`; a channel a
 * person lacks is null, for the caller to skip.
 */
@Injectable()
export class EscalationRecipients {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly duty: DutyService,
  ) {}

  /** The county's officers; [] for a code the city does not configure or a county without officers. */
  async countyStage1(countyCode: string): Promise<DutyPerson[]> {
    const county = this.config.city.counties.find((c) => c.code === countyCode);
    return county ? countyOfficers(this.dataSource.manager, county.name) : [];
  }

  /** The shift on duty at t with its duty officer and shift leader, or null. */
  onDutyAt(t: Date, manager?: EntityManager): Promise<OnDuty | null> {
    return this.duty.onDutyAt(t, manager);
  }
}
