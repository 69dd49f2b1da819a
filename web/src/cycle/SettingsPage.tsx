// 全年管理设置 (bureau admin): the 序时进度 lag threshold, the monitoring months, the 结果应用 rules and target-table publication.
import { Alert, Button, Card, Form, Input, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { Link, type PageProps } from '../app/router';
import { InputNumber } from '../components/InputNumber';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import type { CycleSettings } from './api';
import { useCycleSettings } from './useCycleSettings';

/** The grades a rule is set for (core/grades); a region may leave one blank, and the results page says so. */
const GRADES = ['优', '良', '中', '差'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `1–${i + 1}月（${i + 1}月末报送）` }));

interface Values {
  lagThreshold: number;
  monitoringMonths: number[];
  rules: Record<string, string>;
  publishTargets: boolean;
}

const toValues = (s: CycleSettings): Values => ({
  lagThreshold: s.lagThreshold,
  monitoringMonths: s.monitoringMonths,
  rules: Object.fromEntries(GRADES.map((g) => [g, s.resultRules[g] ?? ''])),
  publishTargets: s.publishTargets,
});

export default function SettingsPage(_: PageProps) {
  const { settings, error, saving, save } = useCycleSettings();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (settings) form.setFieldsValue(toValues(settings));
  }, [settings, form]);
  const submit = (v: Values) => {
    // Grades outside 优良中差 that a region set through the API are kept as they are.
    const extra = Object.entries(settings?.resultRules ?? {}).filter(
      ([g]) => !(GRADES as readonly string[]).includes(g),
    );
    const own = Object.entries(v.rules).filter(([, use]) => use.trim() !== '');
    void save({
      lagThreshold: v.lagThreshold,
      monitoringMonths: v.monitoringMonths,
      resultRules: Object.fromEntries([...own.map(([g, u]) => [g, u.trim()]), ...extra]),
      publishTargets: v.publishTargets,
    });
  };
  return (
    <>
      <PageHeader
        title="全年管理设置"
        sub="本地区的运行监控、结果应用和公开规则；修改立即生效，并记入操作日志"
        crumbs={[{ to: '/', label: '工作台' }, { label: '全年管理设置' }]}
      />
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {!settings && !error ? <Loading /> : null}
      {settings ? (
        <Card className="jx-card">
          <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
            <Form.Item
              name="lagThreshold"
              label="执行进度预警阈值（百分点）"
              extra="预算执行率低于序时进度超过该值时，监控表和监控看板标为“落后”"
              rules={[{ required: true, message: '请填写预警阈值' }]}
            >
              <InputNumber
                aria-label="执行进度预警阈值"
                min={0}
                max={100}
                step={0.5}
                precision={2}
                addonAfter="个百分点"
              />
            </Form.Item>
            <Form.Item
              name="monitoringMonths"
              label="监控期"
              extra="单位在这些月份末填报1–N月绩效监控表（如6月30日、9月30日）"
              rules={[{ required: true, type: 'array', min: 1, message: '至少设定一个监控期' }]}
            >
              <Select aria-label="监控期" mode="multiple" options={MONTHS} />
            </Form.Item>
            <Form.Item label="结果应用规则（等级 → 在预算安排中的应用）" extra="留空的等级在结果应用页注明“未设定”">
              <div className="jx-settings-grades">
                {GRADES.map((g) => (
                  <Form.Item
                    key={g}
                    name={['rules', g]}
                    label={g}
                    rules={[
                      {
                        validator: (_r, v: string) =>
                          !v || v.trim().length >= 2
                            ? Promise.resolve()
                            : Promise.reject(new Error('应用规则至少2个字')),
                      },
                    ]}
                  >
                    <Input aria-label={`等级“${g}”的应用规则`} />
                  </Form.Item>
                ))}
              </div>
            </Form.Item>
            <Form.Item
              name="publishTargets"
              label="公开绩效目标表"
              valuePropName="checked"
              extra="开启后，公开自评时一并公开该单位已批复的绩效目标表（没有已批复目标表的单位只公开自评）"
            >
              <Switch aria-label="公开绩效目标表" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存设置
            </Button>{' '}
            <Link to="/results">查看结果应用</Link>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
