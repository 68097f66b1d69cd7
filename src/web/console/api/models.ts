// Response shapes the screens read. The request side (paths, queries, bodies) comes from the
// generated SDK; these name the bodies the OpenAPI document does not declare yet.
import type { DailyReductionResponse, DryRunReductionResponse, LineEmissionsResponse } from './generated/types.gen';

export interface Me {
  username: string;
  role: 'commander' | 'county_officer' | 'enterprise' | 'inspector' | 'viewer';
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
}

export interface LevelDef {
  key: string;
  name: string;
  kind: 'control' | 'warning';
  grade?: string;
}

export interface Reference {
  city: { key: string; name: string; commandCenter: string; timezone: string };
  counties: Array<{ name: string; code: string }>;
  industries: Array<{ key: string; name: string }>;
  /** Grade keys (city.yaml `grades`), shown as they are: A, B, C, D, 引领性, 保障类. */
  grades: string[];
  contactRoles: Array<{ key: string; name: string }>;
  levels: LevelDef[];
}

export interface CountyLevel {
  county: string;
  levelNow: string;
  directed: string;
  startsAt: string | null;
  endsAt: string | null;
  /** Until when the level now holds, and what is directed next with its times. */
  levelNowUntil?: string | null;
  next?: Array<{ level: string; from: string; to: string | null }>;
}

export interface DirectiveRow {
  id: string;
  number: string;
  kind: string;
  level: string | null;
  counties: string[];
  startsAt: string;
  endsAt: string | null;
  basis: string;
  issuedBy: string;
  issuedAt: string;
  summary: { enterprises: number; orders: number; ended: number; linesStopped: number; unreachable: number } | null;
}

export interface CountyProgress {
  county: string;
  orders: number;
  delivered: number;
  failed: number;
  acknowledged: number;
  implemented: number;
  overdue: number;
  /** Versions in force now, directed to start later, and replaced before they began. */
  inForce?: number;
  ahead?: number;
  replaced?: number;
}

export interface DirectiveProgress {
  directive: { id: string; number: string; kind: string; level: string | null; counties: string[]; startsAt: string; endsAt: string | null; issuedAt: string; issuedBy: string };
  counties: CountyProgress[];
  overdue: Array<{ enterpriseCode: string; name: string; county: string; orderId: string; modification: number; ackDeadline: string }>;
}

export interface CountySummary {
  county: string;
  enterprises: number;
  orders: number;
  ended: number;
  linesStopped: number;
  meanStoppedCapacityPercent: number;
  unreachable: number;
}

export interface ChangeRow {
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string;
  lineName: string;
  /** The line's requirement before and after (null: no order before / none after). */
  before: { action: string; maxLoadPercent: number | null; stoppedCells: number | null } | null;
  after: { action: string; maxLoadPercent: number | null; stoppedCells: number | null } | null;
  reasons: Array<{ rule: string; clause: string; text: string }>;
}

export interface DirectiveResult {
  id: string | null;
  number: string | null;
  kind: string;
  dryRun: boolean;
  level: string | null;
  counties: string[];
  startsAt: string;
  endsAt: string | null;
  summary: { counties: CountySummary[]; totals: Omit<CountySummary, 'county' | 'meanStoppedCapacityPercent'>; unreachable: Array<{ code: string; name: string; county: string }> };
  /** Agreed contract (i8a): the enterprise-and-line list of a dry run, paged. */
  changes?: { items: ChangeRow[]; total: number; page: number; pageSize: number };
  /** Dry runs only: the reduction accounting per county and for the city. */
  reduction?: DryRunReductionResponse;
}

export interface Recommendation {
  county: string;
  level: string;
  from: string | null;
  to: string | null;
  maxWindowMean: number;
  lift: { reference: string | null; recommended: boolean; at: string | null };
}

export interface RecommendResult {
  recommendations: Recommendation[];
  windowHours: number;
  thresholds: Array<{ aqi: number; levels: string[] }>;
}

export interface Alert {
  id: string;
  kind: string;
  stage: number;
  county: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  message: string;
  createdAt: string;
  resolvedAt?: string | null;
  resolvedBy?: string | null;
  note?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Contact {
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  /** email | sms | phone: the channels the contact accepts. */
  channels: string[];
}

export interface Line {
  code: string;
  name: string;
  capacity: number;
  unit: string;
  cells: number | null;
  /** kg/h per pollutant at normal load, with source and year; null when not reported. */
  emissions: LineEmissionsResponse | null;
}

export interface Enterprise {
  code: string;
  name: string;
  county: string;
  industry: string;
  process: string | null;
  fuel: string | null;
  airEmitting: boolean;
  grade: string | null;
  gradedOn: string | null;
  gradingAuthority: string | null;
  livelihood: { duty: string; maxLoadPercent: number; filedOn: string } | null;
  provincialApproval: { maxLoadPercent: number; filedOn: string } | null;
  contacts: Contact[];
  lines: Line[];
  measures: Record<string, Array<{ line: string; action: string; maxLoadPercent: number | null }>>;
  webhookUrl: string | null;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface ImportProblem {
  row?: number;
  index?: number;
  enterpriseCode?: string | null;
  field: string;
  message: string;
}

export interface Team {
  key: string;
  name: string;
  homeCounty: string | null;
  members: string[];
}

export interface Draw {
  id: string;
  seed: string;
  drawnAt: string;
  allocation: unknown;
  list: Array<{ order: number; enterpriseCode: string; enterpriseName: string; county: string; team: string | null }>;
  unassigned: unknown[];
}

export interface Task {
  id: string;
  drawId: string | null;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  team: string | null;
  kind: string;
  reason: string | null;
  status: string;
  createdAt: string;
}

export interface Finding {
  id: string;
  taskId: string;
  enterpriseCode: string;
  enterpriseName: string;
  county: string;
  lineCode: string;
  observedState: string;
  loadPercent: number | null;
  observedAt: string;
  powerKw: number | null;
  inspector: string;
  team: string | null;
  verdict: string;
  reason: string;
  penaltyItem: string | null;
  photos: number;
}

export interface LedgerEntry {
  id: string;
  county: string;
  enterpriseCode: string | null;
  findingId: string | null;
  item: string;
  itemName: string;
  amount: number;
  description: string;
  createdAt: string;
  voidedAt: string | null;
  voidReason: string | null;
  voidedBy: string | null;
}

export interface CountyRank {
  county: string;
  rank: number;
  violations: number;
  amount: number;
  acknowledgementRate?: number;
  implementationRate?: number;
  inspected?: number;
  violationsPerHundred?: number | null;
}

export interface CountyDay {
  county: string;
  level: string;
  levelName: string | null;
  orders: number;
  acknowledged: number;
  acknowledgementRate: number;
  implemented: number;
  implementationRate: number;
  overdue: number;
  inspections: number;
  findings: number;
  violations: number;
  penaltyYuan: number;
}

export interface DailyReport {
  date: string;
  generatedAt: string;
  asOf: string;
  counties: CountyDay[];
  totals: Omit<CountyDay, 'county' | 'level' | 'levelName'>;
  /** Per level directive in force that day: planned / confirmed / verified per pollutant (absent with reduction=omit). */
  reduction?: DailyReductionResponse[];
}

export interface UserRow {
  id: string;
  username: string;
  role: Me['role'];
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
  displayName: string | null;
  mobile: string | null;
  email: string | null;
  workChatId: string | null;
  active: boolean;
}
