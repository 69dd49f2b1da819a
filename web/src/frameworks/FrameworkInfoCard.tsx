// 基本信息 of a framework draft: id, name, region, issuer, year, total, decimals and the region's bound on amounts.
import { DEFAULT_LIMITS } from '@core/check/domains.js';
import type { DraftIssue, FrameworkDraft } from '@core/framework-edit.js';
import { Card, Col, Form, Input, Row } from 'antd';
import { InputNumber } from '../components/InputNumber';

export function FrameworkInfoCard({
  draft,
  issues,
  own,
  set,
}: {
  draft: FrameworkDraft;
  issues: DraftIssue[];
  own: boolean;
  set(patch: Partial<FrameworkDraft>): void;
}) {
  const bad = (k: keyof FrameworkDraft) => {
    const hit = issues.find((i) => i.src[0] === k);
    return { validateStatus: hit ? ('error' as const) : undefined, help: hit?.message };
  };
  return (
    <Card className="jx-card" title="基本信息">
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label="标识（小写字母、数字、连字符）" htmlFor="fw-id" {...bad('id')}>
              <Input id="fw-id" value={draft.id} disabled={own} onChange={(e) => set({ id: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label="名称" htmlFor="fw-name" {...bad('name')}>
              <Input id="fw-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="适用地区" htmlFor="fw-region" {...bad('region')}>
              <Input id="fw-region" value={draft.region} onChange={(e) => set({ region: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="发布单位" htmlFor="fw-issuer">
              <Input
                id="fw-issuer"
                value={draft.issuer ?? ''}
                onChange={(e) => set({ issuer: e.target.value || undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="年度" htmlFor="fw-year" {...bad('year')}>
              <InputNumber
                id="fw-year"
                value={draft.year as number}
                precision={0}
                onChange={(v) => set({ year: v ?? undefined })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="总分" htmlFor="fw-total">
              <InputNumber
                id="fw-total"
                value={(draft.total as number | undefined) ?? 100}
                min={1}
                onChange={(v) => set({ total: v ?? undefined })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="得分小数位" htmlFor="fw-dec">
              <InputNumber
                id="fw-dec"
                value={(draft.decimals as number | undefined) ?? 2}
                min={0}
                max={4}
                precision={0}
                onChange={(v) => set({ decimals: v ?? undefined })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              label="金额上限（万元）"
              htmlFor="fw-money-max"
              tooltip={`单位填报的金额超过此数即被拒绝（防止把元当万元填）；不填为 ${DEFAULT_LIMITS.moneyMax} 万元`}
              {...bad('limits')}
            >
              <InputNumber
                id="fw-money-max"
                value={draft.limits?.moneyMax}
                min={1}
                placeholder={String(DEFAULT_LIMITS.moneyMax)}
                onChange={(v) => set({ limits: v ? { moneyMax: v } : undefined })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
