// The state of one 绩效监控表 page: a new report started from the approved targets, or a stored one; saving and re-showing.
import { App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { cycleApi, type MonitoringReport, type MonitoringView } from './api';

export type MonitoringDoc = Pick<MonitoringReport, 'budget' | 'indicators'>;

/** A new report starts from the unit's approved targets: their indicators and 指标值, the budget total. */
async function blank(year: number, month: number, orgId: number): Promise<MonitoringDoc> {
  const list = await cycleApi.targets(year);
  const mine = list.find((t) => t.orgId === orgId && t.status === 'approved');
  const set = mine ? (await cycleApi.target(mine.id)).approved?.set : undefined;
  return {
    budget: { total: set?.budget.total ?? 0, monthly: Array.from({ length: month }, () => 0) },
    indicators: (set?.indicators ?? []).map((i) => ({
      name: i.name,
      ...(i.target !== undefined && { target: i.target }),
      likelihood: 'certain' as const,
    })),
  };
}

/** Empty cells are not sent: a 偏差原因 with text but no category is 其他. */
function clean(d: MonitoringDoc): MonitoringDoc {
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  return {
    ...d,
    indicators: d.indicators.map((i) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(i)) if (!empty(v) && k !== 'deviation') out[k] = v;
      const dv = i.deviation;
      if (dv && (!empty(dv.category) || !empty(dv.text)))
        out.deviation = { category: dv.category ?? 'other', ...(!empty(dv.text) && { text: dv.text }) };
      return out as MonitoringDoc['indicators'][number];
    }),
  };
}

export function useMonitoringForm(id: string) {
  const s = useSession();
  const loc = useLocation();
  const { message } = App.useApp();
  const isNew = id === 'new';
  const year = Number(loc.query.get('year')) || (s.round?.year ?? new Date().getFullYear());
  const month = Number(loc.query.get('month')) || 6;
  const [view, setView] = useState<MonitoringView>();
  const [doc, setDoc] = useState<MonitoringDoc>();
  const [form] = Form.useForm<MonitoringDoc>();
  const showDoc = (d: MonitoringDoc) => (setDoc(d), form.setFieldsValue(d));
  /** A stored report as the server answered (after loading, saving or importing). */
  const show = (v: MonitoringView) => (setView(v), showDoc(v.document));
  useEffect(() => {
    if (isNew) blank(year, month, s.me.organisation.id).then(showDoc, (e: Error) => message.error(e.message));
    else cycleApi.monitoringOne(Number(id)).then(show, (e: Error) => message.error(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  const editable = s.me.user.role === 'unit_filler' && (isNew || view?.orgId === s.me.organisation.id);
  const save = async () => {
    const d = clean(form.getFieldsValue(true) as MonitoringDoc);
    try {
      const v = view
        ? await cycleApi.saveMonitoring(view.id, view.version, d)
        : await cycleApi.createMonitoring(year, month, d);
      setView(v);
      message.success('已保存');
      if (isNew) navigate(`/monitoring/${v.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return {
    isNew,
    year,
    /** The period's last month (1–N月). */
    n: view?.month ?? month,
    orgName: view?.orgName ?? s.me.organisation.name,
    view,
    doc,
    form,
    editable,
    save,
    show,
  };
}
