// 一、基本情况: the unit, year, framework and round, contact and goals.
import { Card, Col, Row } from 'antd';
import { memo } from 'react';
import { TextField } from '../inputs';
import { type Problems } from './shared';

export const BasicInfo = memo(function BasicInfo({
  contact,
  goals,
  problems,
  meta,
}: {
  contact: unknown;
  goals: unknown;
  problems: Problems;
  meta: { unit: string; year: number; framework: string; round: string };
}) {
  return (
    <Card id="sec-basic" title="一、基本信息" className="jx-card jx-section">
      <dl className="jx-dl jx-dl-grid">
        <dt>单位名称</dt>
        <dd>{meta.unit}</dd>
        <dt>评价年度</dt>
        <dd>{meta.year}年度</dd>
        <dt>评价轮次</dt>
        <dd>{meta.round}</dd>
        <dt>指标框架</dt>
        <dd>{meta.framework}</dd>
      </dl>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <TextField
            k="contact"
            label="联系人及电话"
            value={contact}
            problems={problems.get('contact')}
            placeholder="例如：张三 0737-1234567"
          />
        </Col>
        <Col xs={24} md={16}>
          <TextField
            k="goals"
            label="年度绩效目标"
            value={goals}
            problems={problems.get('goals')}
            multiline
            placeholder="本年度部门整体绩效目标（可从部门预算绩效目标表摘录）"
          />
        </Col>
      </Row>
    </Card>
  );
});
