// The cycle's tables as Kysely sees them (migration 0130), beside src/db/schema.ts's DB.
import type { ColumnType, Generated } from 'kysely';
import type { ExecutionProgress, MonitoringReport } from '../core/cycle/monitoring.js';
import type { RectificationSource, RectificationStatus } from '../core/cycle/labels.js';
import type { ApprovedTargets, TargetReview, TargetSet } from '../core/cycle/targets.js';
import type { TargetStatus } from '../core/cycle/workflow.js';
import type { DB } from './schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Numeric = ColumnType<string, string | number | undefined, string | number>;

export interface CycleSettingsTable {
  region_id: number;
  lag_threshold: Numeric;
  monitoring_months: ColumnType<number[], string | undefined, string>;
  result_rules: NullableJson<Record<string, string>>;
  publish_targets: Generated<boolean>;
  updated_at: Timestamp;
}

export interface TargetSetsTable {
  id: Generated<number>;
  org_id: number;
  region_id: number;
  year: number;
  status: TargetStatus;
  version: number;
  document: Json<TargetSet>;
  review: NullableJson<TargetReview>;
  approved: NullableJson<ApprovedTargets>;
  approved_version: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface MonitoringReportsTable {
  id: Generated<number>;
  org_id: number;
  region_id: number;
  year: number;
  month: number;
  version: number;
  document: Json<MonitoringReport>;
  progress: Json<ExecutionProgress>;
  urged_at: NullableTimestamp;
  urged_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface RectificationItemsTable {
  id: Generated<number>;
  org_id: number;
  region_id: number;
  year: number;
  source: RectificationSource;
  problem: string;
  owner: string | null;
  measure: string | null;
  /** date: a string on both drivers once cast with to_char in queries. */
  due: ColumnType<string | Date | null, string | null | undefined, string | null>;
  status: RectificationStatus;
  evidence: Json<string[]>;
  outcome: string | null;
  origin: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface PublicationsTable {
  id: Generated<number>;
  evaluation_id: number;
  region_id: number;
  org_id: number;
  year: number;
  include_targets: Generated<boolean>;
  published_at: Timestamp;
  published_by: number | null;
  withdrawn_at: NullableTimestamp;
}

export interface CycleDB extends DB {
  cycle_settings: CycleSettingsTable;
  target_sets: TargetSetsTable;
  monitoring_reports: MonitoringReportsTable;
  rectification_items: RectificationItemsTable;
  publications: PublicationsTable;
}
