/**
 * @module Deadline reminders (后台任务 round-reminders): every filler and leader of a unit the round
 * asks (评价范围, not withdrawn) whose evaluation is not yet with the bureau (not started, 草稿, 退回) gets
 * one notification a day, kept in the database so any instance shows it.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../access.js';
import { getRound } from '../resources/rounds/service.js';
import type { JobContext, JobOutcome } from './kinds.js';

export const RemindersParams = z.object({ roundId: z.number().int().positive() });

export async function runRoundReminders(ctx: JobContext): Promise<JobOutcome> {
  const { roundId } = RemindersParams.parse(ctx.params);
  requireRole(ctx.actor, ['bureau_admin', 'bureau_reviewer'], '发送截止日期提醒');
  const round = await getRound(ctx.db, ctx.actor, roundId);
  const day = new Date().toISOString().slice(0, 10);
  const deadline = round.deadline ? `，截止日期 ${round.deadline.slice(0, 10)}` : '';
  ctx.progress({ done: 0, total: 1, name: round.name });
  // One statement: the units still to file, their people, one row each unless already reminded today.
  const r = await sql<{ n: number }>`
    with pending as (
      select o.id, o.name from round_units ru
      join organisations o on o.id = ru.org_id
      left join evaluations e on e.org_id = o.id and e.round_id = ${roundId}
      where ru.round_id = ${roundId} and ru.withdrawn_at is null
        and o.region_id = ${round.regionId} and o.kind in ('unit', 'subunit')
        and (e.id is null or e.status in ('draft', 'returned'))
    ), added as (
      insert into notifications (user_id, kind, title, body, link, dedupe_key)
      select u.id, 'deadline', ${`请尽快完成“${round.name}”的自评`},
        p.name || ${`的自评尚未报送财政局${deadline}。`}, ${`/rounds/${roundId}`},
        ${`deadline:${roundId}:${day}`}
      from pending p join users u on u.org_id = p.id
      where u.role in ('unit_filler', 'unit_leader') and not u.disabled
      on conflict (user_id, dedupe_key) do nothing
      returning 1
    )
    select count(*)::int as n from added`.execute(ctx.db);
  const n = Number(r.rows[0]?.n ?? 0);
  ctx.progress({ done: 1, name: round.name });
  return { message: `已提醒 ${n} 人` };
}
