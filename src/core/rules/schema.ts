import { z } from 'zod';

/**
 * Rule definitions are data only: a `kind` and its parameters. No expressions, no user code.
 * Every kind is scored by a pure function in ./score.ts; every score is then capped at the
 * indicator's weight and floored at 0.
 */
const pos = z.number().nonnegative();

/** One band of a banded rule; the first band whose bounds hold wins. */
export const BandSchema = z
  .object({
    gte: z.number().optional(),
    gt: z.number().optional(),
    lte: z.number().optional(),
    lt: z.number().optional(),
    points: pos.optional(),
    fraction: z.number().min(0).max(1).optional(),
    label: z.string().optional(),
  })
  .strict()
  .refine((b) => (b.points === undefined) !== (b.fraction === undefined), {
    message: '每一档须给出 points（得分）或 fraction（占分值比例）之一',
  });
export type Band = z.infer<typeof BandSchema>;

/** 年初指标值设定偏低: (B−A)/A ≥ from % deducts fraction × weight (seed 004). */
export const OverTargetSchema = z.array(z.object({ from: pos, fraction: z.number().min(0).max(1) }).strict()).min(1);

export const TierSchema = z
  .object({
    name: z.string(),
    min: z.number().min(0).max(100),
    max: z.number().min(0).max(100),
    minInclusive: z.boolean().default(true),
    maxInclusive: z.boolean().default(true),
    /** Percent of weight used when the evaluator picks the tier without a value. */
    default: z.number().min(0).max(100).optional(),
  })
  .strict();
export type Tier = z.output<typeof TierSchema>;

const ratio = z.object({ kind: z.literal('ratio'), overTarget: OverTargetSchema.optional() }).strict();
const reverse = z.object({ kind: z.literal('reverse') }).strict();
const equal = z.object({ kind: z.literal('equal'), tolerance: pos.default(0) }).strict();
const target = z.object({ kind: z.literal('target'), overTarget: OverTargetSchema.optional() }).strict();
const rate = z
  .object({
    kind: z.literal('rate'),
    /** 龙华 政府采购执行率: 实际采购金额大于采购计划金额，本项得0分 — above this percent the score is 0. */
    zeroAbove: z.number().positive().optional(),
  })
  .strict();
const thresholdLinear = z
  .object({ kind: z.literal('threshold-linear'), floor: z.number().min(0).max(99.99).default(60) })
  .strict();
const bands = z.object({ kind: z.literal('bands'), bands: z.array(BandSchema).min(1) }).strict();
const deduction = z.object({ kind: z.literal('deduction'), perItem: z.number().positive() }).strict();
const excess = z
  .object({
    kind: z.literal('excess-deduction'),
    /** Fixed limit in percent; omit to compare with last year's value (`previous`). */
    limit: z.number().optional(),
    step: z.number().positive().default(1),
    perStep: z.number().positive(),
    /** proportional: 1.5 points over → 1.5 steps; started: any part of a step counts whole (每高出10%（含）). */
    counting: z.enum(['proportional', 'started']).default('proportional'),
  })
  .strict();
const quarterly = z
  .object({
    kind: z.literal('quarterly'),
    schedule: z.array(z.number().positive()).length(4).default([25, 50, 75, 100]),
    perQuarter: pos.default(1),
    averagePoints: pos.default(2),
  })
  .strict();
const checklist = z
  .object({
    kind: z.literal('checklist'),
    items: z.array(z.object({ text: z.string(), points: z.number().positive() }).strict()).min(1),
    /** A condition that voids the whole indicator (龙华 财务合规性: 发生超范围、超标准支出……本项指标得0分). */
    veto: z.string().optional(),
  })
  .strict();
/** Printed levels each worth fixed points, picked by name (龙华 预决算信息公开: 1.5 / 1 / 0). */
const levels = z
  .object({
    kind: z.literal('levels'),
    levels: z.array(z.object({ name: z.string().min(1), points: pos }).strict()).min(2),
  })
  .strict();
const qualitative = z.object({ kind: z.literal('qualitative'), tiers: z.array(TierSchema).min(2).optional() }).strict();
const yesno = z.object({ kind: z.literal('yesno') }).strict();
const manual = z.object({ kind: z.literal('manual') }).strict();

type LeafRule =
  | z.output<typeof ratio>
  | z.output<typeof reverse>
  | z.output<typeof equal>
  | z.output<typeof target>
  | z.output<typeof rate>
  | z.output<typeof thresholdLinear>
  | z.output<typeof bands>
  | z.output<typeof deduction>
  | z.output<typeof excess>
  | z.output<typeof quarterly>
  | z.output<typeof checklist>
  | z.output<typeof levels>
  | z.output<typeof qualitative>
  | z.output<typeof yesno>
  | z.output<typeof manual>;

export interface CompositePart {
  name: string;
  points: number;
  metric?: string;
  target?: string | number;
  rule: Rule;
}
export type Rule = LeafRule | { kind: 'composite'; parts: CompositePart[] };

export const RuleSchema: z.ZodType<Rule, unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    ratio,
    reverse,
    equal,
    target,
    rate,
    thresholdLinear,
    bands,
    deduction,
    excess,
    quarterly,
    checklist,
    levels,
    qualitative,
    yesno,
    manual,
    z
      .object({
        kind: z.literal('composite'),
        parts: z
          .array(
            z
              .object({
                name: z.string(),
                points: z.number().positive(),
                metric: z.string().optional(),
                target: z.union([z.string(), z.number()]).optional(),
                rule: RuleSchema,
              })
              .strict(),
          )
          .min(2),
      })
      .strict(),
  ]),
) as z.ZodType<Rule, unknown>;

// The table of kinds (names, what each is scored from, its inputs) is src/core/rules/kinds.ts.
export { JUDGMENT_KINDS, MEASURED_KINDS, RULE_KIND_INFO, RULE_KIND_NAMES, RULE_KINDS, type RuleKind } from './kinds.js';
