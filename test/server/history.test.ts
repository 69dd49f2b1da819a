/** GET /api/evaluations/{id}/history reads as Chinese sentences, for a real walk: save, evidence, submit, return, withdraw. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backends, makeWorld, PDF, seedDocument, type World } from './support.js';

let w: World;
before(async () => {
  w = await makeWorld(backends()[0]!);
});
after(async () => w?.close());

test('every entry of a walked evaluation is a sentence with no raw code, object or undefined', async () => {
  const filler = await w.as('u1-filler');
  let ev = (await filler.get(`/api/evaluations/${w.ev.U1}`)).body;
  const doc = seedDocument() as { figures: { budget: { initial: number } }; narrative: Record<string, string> };
  doc.figures.budget.initial = 800;
  doc.narrative['八、其他需要说明的问题'] = '无其他需要说明的问题。';
  ev = (await filler.put(`/api/evaluations/${w.ev.U1}`, { version: ev.version, document: doc })).body;
  const up = await filler.upload(`/api/evaluations/${w.ev.U1}/attachments`, '会议纪要.pdf', PDF, '预算执行率');
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal((await filler.del(`/api/attachments/${up.body.id}`)).status, 200);
  ev = (await filler.post(`/api/evaluations/${w.ev.U1}/transitions`, { action: 'submit', version: ev.version })).body;
  const leader = await w.as('u1-leader');
  await leader.post(`/api/evaluations/${w.ev.U1}/transitions`, {
    action: 'leader-return',
    version: ev.version,
    comment: '请核对年初预算数',
  });
  const admin = await w.as('a-admin');
  assert.equal((await admin.del(`/api/rounds/${w.round.A}/units/${w.org.U1}`)).status, 200);

  const h = await filler.get(`/api/evaluations/${w.ev.U1}/history`);
  assert.equal(h.status, 200);
  const texts = (h.body as Array<{ text: string; lines: string[] }>).map((e) => [e.text, ...e.lines]);
  assert.ok(texts.length >= 6);
  for (const t of texts.flat()) {
    assert.match(t, /[\u4e00-\u9fff]/, t);
    assert.doesNotMatch(t, /undefined|object Object|submitted|returned|draft|attachment|\bdelete\b|document\./, t);
  }
  const all = texts.map((t) => t.join(' / ')).join('\n');
  assert.match(all, /新建了这份评价（草稿）/);
  assert.match(all, /将“年初预算数”由 \d+\.\d\d万元 改为 800\.00万元/);
  assert.match(all, /上传了佐证材料《会议纪要\.pdf》（指标“预算执行率”）/);
  assert.match(all, /删除了佐证材料《会议纪要\.pdf》/);
  assert.match(all, /提交单位负责人审核（草稿 → 待单位负责人审核）/);
  assert.match(all, /单位负责人退回修改（待单位负责人审核 → 已退回），意见：“请核对年初预算数”/);
  assert.match(all, /撤出了评价轮次“2021年度自评”/);
});
