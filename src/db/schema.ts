/** @module The tables as Kysely sees them; statuses, roles and kinds come from src/core/workflow.ts. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Provenance } from '../core/carry-over.js';
import type { Evaluation } from '../core/evaluation.js';
import type { ScoreResult } from '../core/scoring.js';

/** Tables as Kysely sees them. JSON columns are written as JSON text (JSON.stringify) on both drivers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
/** numeric: a decimal string on both drivers. */
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

import type { JobKind, JobState } from '../core/jobs.js';
import type { OrgKind, Role, Status } from '../core/workflow.js';

export { ORG_KINDS, type OrgKind, ROLES, type Role, STATUSES, type Status } from '../core/workflow.js';

export interface OrganisationsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** The bureau (财政局) at the root of this organisation's region; a bureau's own id. */
  region_id: number | null;
  /** Ancestors and self as "/1/5/9/", for subtree scoping with LIKE. */
  path: string;
  kind: OrgKind;
  name: string;
  code: string;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  org_id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  password_changed_at: NullableTimestamp;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token (hex); the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface FrameworkVersionsTable {
  id: Generated<number>;
  framework_id: string;
  version: number;
  name: string;
  region: string;
  year: number;
  kind: string;
  source_yaml: string;
  source_sha256: string;
  /** Set when a round first uses this version; from then on the source cannot change (trigger). */
  frozen_at: NullableTimestamp;
  created_at: Timestamp;
  /** The region (bureau id) that made it in the web editor, visible to it alone; null: built in, everyone's. */
  owner_region_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RoundsTable {
  id: Generated<number>;
  region_id: number;
  name: string;
  year: number;
  framework_version_id: number;
  deadline: NullableTimestamp;
  created_at: Timestamp;
  created_by: number | null;
}

/** The units a round asks (评价范围); a withdrawn unit keeps its evaluation, but gets no to-do and cannot submit. */
export interface RoundUnitsTable {
  round_id: number;
  org_id: number;
  added_at: Timestamp;
  added_by: number | null;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: number | null;
}

export interface EvaluationsTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  status: Status;
  /** Optimistic lock: every save and transition adds one; a write naming an older version is refused. */
  version: number;
  document: Json<Evaluation>;
  result: NullableJson<ScoreResult>;
  total: Numeric;
  grade: string | null;
  /** The stored result's summary figures (migration 0090), written with it on every save. */
  strict_total: Numeric;
  strict_grade: string | null;
  /** 自评分: the stated total, else the Σ of the self-scores. */
  claimed_total: Numeric;
  unverifiable_count: number | null;
  unverifiable_points: Numeric;
  grade_may_change: boolean | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
  /** Values carried from last year or imported, still to be confirmed (src/core/carry-over.ts). */
  provenance: NullableJson<Provenance>;
}

export interface EvaluationCommentsTable {
  id: Generated<number>;
  evaluation_id: number;
  author_id: number | null;
  author_name: string;
  action: string;
  body: string;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  evaluation_id: number;
  indicator: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export interface AuditChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** 催办: a reminder a bureau sent to a unit that had not started a round (migration 0120). */
export interface RemindersTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  region_id: number;
  sent_by: number | null;
  sent_by_name: string;
  message: Generated<string>;
  sent_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  region_id: number | null;
  org_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  changes: Json<AuditChange[]>;
  detail: NullableJson<Record<string, unknown>>;
  /** Place in its region's chain, the previous entry's hash and its own (set by the database's trigger). */
  seq: ColumnType<number | null, never, never>;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
}

/** Failed sign-ins per address-and-account ('pair') and per account (src/server/resources/auth/throttle.ts). */
export interface LoginFailuresTable {
  scope: 'pair' | 'account';
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

/** A background job as people see it; the queue's own bookkeeping is pg-boss's (schema pgboss). */
export interface JobRunsTable {
  /** The pg-boss job id. */
  id: string;
  kind: JobKind;
  user_id: number | null;
  region_id: number | null;
  state: Generated<JobState>;
  done: Generated<number>;
  total: Generated<number>;
  /** The item last finished (a file name, a unit). */
  current: Generated<string>;
  errors: ColumnType<Array<{ name: string; message: string }>, string | undefined, string>;
  message: string | null;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  file_name: string | null;
  file_size: Numeric;
  /** Set when the result is a file in the shared directory rather than a row of job_files. */
  file_path: string | null;
  attempts: Generated<number>;
  worker: string | null;
  cancel_requested: Generated<boolean>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  heartbeat_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface JobFilesTable {
  job_id: string;
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** One notification per user and key (a reminder per round, unit and day). */
  dedupe_key: string;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

/** One row per indicator (leaf) and per 一级指标 of an evaluation's stored result; kept by a trigger (migration 0102). */
export interface EvaluationScoresTable {
  evaluation_id: number;
  round_id: number;
  leaf: boolean;
  node_id: string;
  /** Position in the result's array (the framework's order). */
  ord: number;
  level: number;
  name: string;
  path: string[];
  weight: Numeric;
  score: Numeric;
  missed: boolean;
  incomplete: boolean;
}

/**
 * Running sums of the indicator rows of a round's evaluations, per status and indicator, split into
 * shards by evaluation id; kept by a trigger (migration 0140). The dashboard adds the shards up.
 */
export interface EvaluationIndicatorSumsTable {
  round_id: number;
  status: Status;
  node_id: string;
  shard: number;
  name: string;
  path: string[];
  weight: Numeric;
  units: number;
  lost_count: number;
  missed_count: number;
  incomplete_count: number;
  lost: Numeric;
  score_sum: Numeric;
}

/** A file a job was started with (migration 0141); deleted with its job. */
export interface JobInputsTable {
  job_id: string;
  ord: number;
  name: string;
  content: Uint8Array;
}

export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  framework_versions: FrameworkVersionsTable;
  rounds: RoundsTable;
  round_units: RoundUnitsTable;
  evaluations: EvaluationsTable;
  evaluation_comments: EvaluationCommentsTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailuresTable;
  reminders: RemindersTable;
  job_runs: JobRunsTable;
  job_files: JobFilesTable;
  job_inputs: JobInputsTable;
  notifications: NotificationsTable;
  evaluation_scores: EvaluationScoresTable;
  evaluation_indicator_sums: EvaluationIndicatorSumsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type RoundRow = Selectable<RoundsTable>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type FrameworkVersionRow = Selectable<FrameworkVersionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAudit = Insertable<AuditLogTable>;
