import { z } from 'zod';
import { LAYOUT_IDS } from '../layouts.js';
import { METRIC_IDS } from '../metrics.js';
import { RULE_KIND_NAMES, RuleSchema, TierSchema, type Rule, type RuleKind } from '../rules/schema.js';

/**
 * A node whose 三级 indicators each unit sets itself (个性指标: 怀柔 产出/效果, 10号 项目支出).
 * An added indicator takes `quantitative` when its 指标值 carries a number, else `qualitative`,
 * unless the unit names its own rule of one of `kinds`.
 */
export interface OpenSpec {
  quantitative: Rule;
  qualitative: Rule;
  kinds?: Rule['kind'][];
}

export const OpenSpecSchema: z.ZodType<OpenSpec, unknown> = z
  .object({
    quantitative: RuleSchema.default({ kind: 'target' }),
    qualitative: RuleSchema.default({ kind: 'qualitative' }),
    kinds: z
      .array(z.enum(Object.keys(RULE_KIND_NAMES) as [RuleKind, ...RuleKind[]]))
      .min(1)
      .optional(),
  })
  .strict() as unknown as z.ZodType<OpenSpec, unknown>;

/** One indicator as written in a framework file (一级/二级/三级 nest through `children`). */
export interface IndicatorSource {
  id?: string;
  name: string;
  /** Full name where the printed table truncated it. */
  fullName?: string;
  weight?: number;
  /** 参考分值, where the region prints both 参考分值 and 设定分值. */
  referenceWeight?: number;
  /** Units may not change this weight (上街: 预算执行率). */
  fixedWeight?: boolean;
  /** Units may drop it as not applicable (上街: 可持续性指标). */
  optional?: boolean;
  /** Children's weights are the unit's to set (Henan note 1): checked per evaluation, not here. */
  unitWeights?: boolean;
  explanation?: string;
  standard?: string;
  target?: string | number;
  unit?: string;
  metric?: (typeof METRIC_IDS)[number];
  rule?: z.output<typeof RuleSchema>;
  /** Units add their own indicators below this node. */
  open?: OpenSpec;
  children?: IndicatorSource[];
}

export const IndicatorSourceSchema: z.ZodType<IndicatorSource, unknown> = z.lazy(() =>
  z
    .object({
      id: z.string().min(1).optional(),
      name: z.string().min(1),
      fullName: z.string().optional(),
      weight: z.number().nonnegative().optional(),
      referenceWeight: z.number().nonnegative().optional(),
      fixedWeight: z.boolean().optional(),
      optional: z.boolean().optional(),
      unitWeights: z.boolean().optional(),
      explanation: z.string().optional(),
      standard: z.string().optional(),
      target: z.union([z.string(), z.number()]).optional(),
      unit: z.string().optional(),
      metric: z.enum(METRIC_IDS).optional(),
      rule: RuleSchema.optional(),
      open: OpenSpecSchema.optional(),
      children: z.array(IndicatorSourceSchema).min(1).optional(),
    })
    .strict(),
) as z.ZodType<IndicatorSource, unknown>;

export const GradeSchema = z.object({ name: z.string(), min: z.number().min(0) }).strict();

export const FrameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能包含小写字母、数字和连字符'),
    name: z.string(),
    region: z.string(),
    issuer: z.string().optional(),
    year: z.number().int().min(2000).max(2100),
    version: z.number().int().positive().default(1),
    kind: z.enum(['department', 'project']).default('department'),
    /** Which table layout the region prints (used by the report writers); one of LAYOUT_IDS. */
    layout: z
      .enum(LAYOUT_IDS, { error: () => `版式 layout 只能是：${LAYOUT_IDS.join('、')}；不填则用通用自评表` })
      .optional(),
    source: z.string().optional(),
    total: z.number().positive().default(100),
    /** 得分 decimals, rounded half-up. */
    decimals: z.number().int().min(0).max(4).default(2),
    grades: z
      .object({
        /** half-open: [90,100] 优, [80,90) 良…; integer: "80-89分为良" — total rounded half-up to an integer first. */
        mode: z.enum(['half-open', 'integer']).default('half-open'),
        bands: z
          .array(GradeSchema)
          .min(2)
          .default([
            { name: '优', min: 90 },
            { name: '良', min: 80 },
            { name: '中', min: 60 },
            { name: '差', min: 0 },
          ]),
      })
      .strict()
      .default({
        mode: 'half-open',
        bands: [
          { name: '优', min: 90 },
          { name: '良', min: 80 },
          { name: '中', min: 60 },
          { name: '差', min: 0 },
        ],
      }),
    tiers: z.array(TierSchema).min(2).optional(),
    notes: z.array(z.string()).optional(),
    /** Bounds on what units may enter: the largest amount in 万元 (default 10^8). */
    limits: z.object({ moneyMax: z.number().positive().optional() }).strict().optional(),
    indicators: z.array(IndicatorSourceSchema).min(1),
  })
  .strict();

export type FrameworkSource = z.output<typeof FrameworkSchema>;
