import type { MetricId } from '../metrics.js';
import type { Finding, Severity } from '../findings.js';
import type { ScoreResult } from '../scoring.js';

/**
 * Facts an importer read from a report besides the structured evaluation: what the tables printed
 * (rates next to their amounts, totals next to their parts, the weight total) and where. The
 * narrative is not repeated here: the audit reads it from `evaluation.narrative`.
 */
export interface Where {
  /** Narrative section ("四、… / 1. …") or table ("自评表", "预算情况表"). */
  section?: string;
  indicator?: string;
  /** The printed text, quoted. */
  quote?: string;
  line?: number;
}

export interface Amount {
  label: string;
  value: number;
}

/** A stated amount and the parts printed as making it up. */
export interface SumFact {
  label: string;
  stated: Amount;
  parts: Amount[];
  where: Where;
  /** 其中 / 包括 / 分别 — 其中 may list only some parts. */
  connective?: string;
  unit?: string;
  /** A cell had to be interpreted (overlapping digits): reported as unchecked, not as a finding. */
  uncertain?: boolean;
}

/** budget + adjustments + carry-over − execution = balance, as printed. */
export interface IdentityFact {
  label: string;
  terms: Array<Amount & { sign: 1 | -1 }>;
  stated: Amount;
  where: Where;
  uncertain?: boolean;
}

/** A printed rate beside the amounts it is computed from, or naming a standard metric. */
export interface RateFact {
  label: string;
  stated: number;
  /** Decimals as printed: "90%" → 0, "98.12%" → 2. */
  decimals: number;
  numerator?: Amount;
  denominator?: Amount;
  /** Computed from the evaluation's figures by this metric instead of explicit amounts. */
  metric?: MetricId;
  where: Where;
  uncertain?: boolean;
  /** The cell was cut off in the printed table. */
  truncated?: boolean;
}

/** A row of a summary table (一级指标 × 分值/得分/得分率), checked against the detailed table. */
export interface SummaryFact {
  label: string;
  weight?: number;
  score?: number;
  /** 得分率 as printed, with its decimals. */
  rate?: { value: number; decimals: number };
  /** The 合计/总分 row. */
  total: boolean;
  where: Where;
}

export interface AuditFacts {
  sums: SumFact[];
  /** Summary tables printed beside the detailed one (third-party 重点评价 reports). */
  summaries: SummaryFact[];
  identities: IdentityFact[];
  rates: RateFact[];
  /** The weight total printed in a total row (合计 100). */
  weightTotal?: { stated: number; where: Where };
  /** Checks not made because a cell could not be read with certainty. */
  unchecked: string[];
}

export const emptyFacts = (): AuditFacts => ({ sums: [], summaries: [], identities: [], rates: [], unchecked: [] });

/** A finding of the audit: the one finding shape of core (section and quote point into the report). */
export type AuditFinding = Finding;

/** A cross-check that was made and held: reported so a reviewer sees what was verified. */
export interface AuditCheck {
  code: string;
  message: string;
  section?: string;
  indicator?: string;
}

export interface AuditSummary {
  unit: string;
  year: number;
  framework: string;
  statedTotal?: number;
  claimedTotal?: number;
  /** The 核定分: verified indicators at the rule's score, 待核实 ones at their self-score. */
  recomputedTotal: number;
  statedGrade?: string;
  recomputedGrade: string;
  /** 待核实 counted as 0. */
  strictTotal: number;
  strictGrade: string;
  unverifiable: { count: number; points: number };
  gradeMayChange: boolean;
  counts: Record<Severity, number>;
}

export interface AuditResult {
  score: ScoreResult;
  findings: AuditFinding[];
  checks: AuditCheck[];
  unchecked: string[];
  summary: AuditSummary;
}
