/**
 * A person the escalation can reach: a user with the contacts they keep on their account.
 * Part of the stable interface of `EscalationRecipients` (other branches build on it).
 */
export interface DutyPerson {
  userId: string;
  /** The display name, else the username. */
  name: string;
  email: string | null;
  mobile: string | null;
  workChatId: string | null;
}

/** The shift in force at a moment, with its two people. */
export interface OnDuty {
  shiftId: string;
  startsAt: Date;
  endsAt: Date;
  dutyOfficer: DutyPerson;
  shiftLeader: DutyPerson;
}
