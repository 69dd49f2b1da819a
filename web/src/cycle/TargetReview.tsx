// The bureau's side of a target set: 审核意见 per indicator (合理/需调整 with a reason), return or approve, 目标调整.
import { App, Button, Card, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { REVIEW_VERDICT_LABELS } from '@core/cycle/labels.js';
import { cycleApi, type Review, type TargetSetView } from './api';

export function TargetReview({ t, onChange }: { t: TargetSetView; onChange: (t: TargetSetView) => void }) {
  const { message } = App.useApp();
  const [review, setReview] = useState<Review>(
    () =>
      (t.review?.indicators as Review | undefined) ??
      Object.fromEntries(t.document.indicators.map((i) => [i.name, { verdict: 'reasonable' as const }])),
  );
  const [comment, setComment] = useState('');
  const [adjust, setAdjust] = useState<{ indicator: string; target: string; reason: string }>();
  const act = async (action: 'return' | 'approve') => {
    try {
      onChange(
        await cycleApi.transitionTarget(t.id, { action, version: t.version, review, ...(comment && { comment }) }),
      );
      message.success(action === 'approve' ? '已批复，目标已冻结' : '已退回单位修改');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const saveAdjust = async () => {
    if (!adjust) return;
    try {
      onChange(await cycleApi.adjustTarget(t.id, { version: t.version, ...adjust }));
      message.success('目标调整已记录，生成新版本');
      setAdjust(undefined);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const canReview = t.actions.includes('approve');
  return (
    <Card title="审核意见" size="small" className="jx-card">
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={(t.approved?.set ?? t.document).indicators}
        columns={[
          { title: '三级指标', dataIndex: 'name' },
          { title: '指标值', dataIndex: 'target', width: 120 },
          {
            title: '审核',
            key: 'v',
            width: 140,
            render: (_, i) => (
              <Select
                aria-label={`${i.name}审核意见`}
                disabled={!canReview}
                value={review[i.name]?.verdict}
                style={{ width: 110 }}
                options={(['reasonable', 'adjust'] as const).map((v) => ({
                  value: v,
                  label: REVIEW_VERDICT_LABELS[v],
                }))}
                onChange={(v) => setReview({ ...review, [i.name]: { ...review[i.name], verdict: v } })}
              />
            ),
          },
          {
            title: '理由',
            key: 'r',
            render: (_, i) => (
              <Input
                aria-label={`${i.name}理由`}
                disabled={!canReview}
                value={review[i.name]?.reason}
                onChange={(e) =>
                  setReview({
                    ...review,
                    [i.name]: { verdict: review[i.name]?.verdict ?? 'adjust', reason: e.target.value },
                  })
                }
              />
            ),
          },
          ...(t.actions.includes('adjust')
            ? [
                {
                  title: '',
                  key: 'a',
                  width: 100,
                  render: (_: unknown, i: { name: string; target?: string | number }) => (
                    <Button
                      size="small"
                      onClick={() => setAdjust({ indicator: i.name, target: String(i.target ?? ''), reason: '' })}
                    >
                      目标调整
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canReview ? (
        <Space style={{ marginTop: 12 }} wrap>
          <Input.TextArea
            aria-label="审核说明"
            placeholder="退回时必须填写意见"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            style={{ width: 420 }}
          />
          <Button danger onClick={() => act('return')}>
            退回修改
          </Button>
          <Button type="primary" onClick={() => act('approve')}>
            批复绩效目标
          </Button>
        </Space>
      ) : null}
      <Modal
        title={`目标调整：${adjust?.indicator ?? ''}`}
        open={!!adjust}
        onOk={saveAdjust}
        onCancel={() => setAdjust(undefined)}
        okText="记录调整"
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            aria-label="调整后的指标值"
            value={adjust?.target}
            onChange={(e) => adjust && setAdjust({ ...adjust, target: e.target.value })}
          />
          <Input.TextArea
            aria-label="调整理由"
            placeholder="调整理由（必填）"
            value={adjust?.reason}
            onChange={(e) => adjust && setAdjust({ ...adjust, reason: e.target.value })}
          />
        </Space>
      </Modal>
    </Card>
  );
}
