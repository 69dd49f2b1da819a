import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { addNode, checkDraft, copyDraft, type DraftIssue, type FrameworkDraft, type IndicatorDraft, type NodePath, removeNode, updateNode, weightChecks } from '@core/framework-edit.js';
import { RULE_KIND_NAMES, type RuleKind } from '@core/rules/schema.js';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Popconfirm, Result, Row, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { parse, stringify } from 'yaml';
import { api } from '../app/api';
import { navigate } from '../app/router';
import type { PageProps } from '../app/routes';
import { useSession } from '../app/session';
import type { CatalogueEntry, FrameworkDetail } from '../app/types';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { describeRule } from '@core/rules/describe.js';

/**
 * 框架编辑: a bureau admin copies a framework (or opens its region's own), adds indicators
 * (个性指标), drops and reweights them; src/core/framework-edit.ts validates every change at once
 * (weights add up, every leaf has a rule) and the save makes a new version on the server.
 */

const NEW_KINDS: RuleKind[] = ['target', 'ratio', 'reverse', 'equal', 'rate', 'threshold-linear', 'qualitative', 'yesno', 'deduction', 'manual'];

interface FlatRow {
  path: NodePath;
  node: IndicatorDraft;
  depth: number;
}

function flatten(list: IndicatorDraft[], base: NodePath = [], depth = 0, out: FlatRow[] = []): FlatRow[] {
  list.forEach((n, i) => {
    const path = [...base, i];
    out.push({ path, node: n, depth });
    if (n.children?.length) flatten(n.children, path, depth + 1, out);
  });
  return out;
}

const pkey = (p: NodePath) => p.join('-');

export default function FrameworkEditorPage({ params }: PageProps) {
  const id = Number(params.id);
  const s = useSession();
  const [base, setBase] = useState<{ detail: FrameworkDetail; entry?: CatalogueEntry }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    Promise.all([api.framework(id), api.frameworks()]).then(
      ([detail, list]) => setBase({ detail, entry: list.find((f) => f.id === id) }),
      (e: Error) => setError(e.message),
    );
  }, [id]);
  if (error) return <Result status="error" title="无法打开该指标框架" subTitle={error} />;
  if (!base) return <Loading />;
  const source = parse(base.detail.sourceYaml) as FrameworkDraft;
  const own = base.entry?.editable === true;
  const start = own
    ? source
    : copyDraft(source, {
        id: `${base.detail.frameworkId}-r${s.me.organisation.regionId}`.slice(0, 60),
        name: `${source.name}（${s.me.organisation.name}修订）`,
      });
  return <Editor initial={start} basedOn={base.detail} own={own} />;
}

function Editor({ initial, basedOn, own }: { initial: FrameworkDraft; basedOn: FrameworkDetail; own: boolean }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<DraftIssue[]>(() => checkDraft(initial).issues);
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState<NodePath>();
  const [showYaml, setShowYaml] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setIssues(checkDraft(draft).issues), 120);
    return () => clearTimeout(t);
  }, [draft]);
  const weights = useMemo(() => weightChecks(draft), [draft]);
  const checkByPath = useMemo(() => new Map(weights.nodes.map((n) => [pkey(n.path), n])), [weights]);
  const issuesByNode = useMemo(() => {
    const m = new Map<string, DraftIssue[]>();
    for (const i of issues) if (i.node) m.set(pkey(i.node), [...(m.get(pkey(i.node)) ?? []), i]);
    return m;
  }, [issues]);
  const rows = useMemo(() => flatten(draft.indicators ?? []), [draft]);

  const set = (patch: Partial<FrameworkDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const edit = (path: NodePath, patch: Partial<IndicatorDraft>) => setDraft((d) => updateNode(d, path, patch));

  const save = async () => {
    const now = checkDraft(draft).issues;
    setIssues(now);
    if (now.length) {
      message.error(`还有 ${now.length} 处问题，改正后才能保存`);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveFramework(draft, basedOn.id);
      message.success(`已保存：${saved.name}（${saved.frameworkId} 第${saved.version}版）`);
      navigate(`/frameworks/${saved.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const focusRow = (p: NodePath) => {
    const el = document.getElementById(`fw-row-${pkey(p)}`);
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector<HTMLElement>('input')?.focus({ preventScroll: true });
  };

  const hdr = (k: keyof FrameworkDraft) => issues.filter((i) => i.src[0] === k);
  const topOk = weights.total.ok;

  return (
    <div className="jx-page">
      <PageHeader
        crumbs={[{ to: '/frameworks', label: '指标框架' }, { to: `/frameworks/${basedOn.id}`, label: basedOn.name }, { label: '编辑' }]}
        title={own ? `修改指标框架（保存为第${basedOn.version + 1}版）` : '复制并编辑指标框架'}
        sub={own ? `在“${basedOn.name}”第${basedOn.version}版的基础上修改，保存后成为新版本；已被轮次使用的版本不受影响。` : `复制自“${basedOn.name}”（${basedOn.frameworkId} 第${basedOn.version}版），保存为本地区的框架。`}
        extra={
          <Space>
            <Button onClick={() => navigate(`/frameworks/${basedOn.id}`)}>取消</Button>
            <Button type="primary" loading={saving} disabled={issues.length > 0} onClick={() => void save()}>
              保存为新版本
            </Button>
          </Space>
        }
      />
      <Card className="jx-card" title="基本信息">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item label="标识（小写字母、数字、连字符）" htmlFor="fw-id" validateStatus={hdr('id').length ? 'error' : undefined} help={hdr('id')[0]?.message}>
                <Input id="fw-id" value={draft.id} disabled={own} onChange={(e) => set({ id: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label="名称" htmlFor="fw-name" validateStatus={hdr('name').length ? 'error' : undefined} help={hdr('name')[0]?.message}>
                <Input id="fw-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="适用地区" htmlFor="fw-region" validateStatus={hdr('region').length ? 'error' : undefined} help={hdr('region')[0]?.message}>
                <Input id="fw-region" value={draft.region} onChange={(e) => set({ region: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="发布单位" htmlFor="fw-issuer">
                <Input id="fw-issuer" value={draft.issuer ?? ''} onChange={(e) => set({ issuer: e.target.value || undefined })} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="年度" htmlFor="fw-year" validateStatus={hdr('year').length ? 'error' : undefined} help={hdr('year')[0]?.message}>
                <InputNumber id="fw-year" value={draft.year as number} precision={0} onChange={(v) => set({ year: v ?? undefined })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="总分" htmlFor="fw-total">
                <InputNumber id="fw-total" value={(draft.total as number | undefined) ?? 100} min={1} onChange={(v) => set({ total: v ?? undefined })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="得分小数位" htmlFor="fw-dec">
                <InputNumber id="fw-dec" value={(draft.decimals as number | undefined) ?? 2} min={0} max={4} precision={0} onChange={(v) => set({ decimals: v ?? undefined })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <div className={`jx-weight-summary ${topOk && issues.length === 0 ? 'ok' : 'bad'}`} role="status" aria-live="polite" data-testid="fw-validation">
        {topOk && issues.length === 0 ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} 一级指标分值合计 <b>{weights.total.sum}</b> 分 / 总分 {weights.total.expected} 分
        {issues.length ? <span>；还有 {issues.length} 处问题，改正后才能保存</span> : <span>；各级分值相加无误，可以保存</span>}
      </div>
      {issues.length ? (
        <Alert
          type="error"
          className="jx-alert"
          title="需要改正"
          description={
            <ul className="jx-findings">
              {issues.slice(0, 20).map((i, k) => (
                <li key={k}>
                  {i.node ? (
                    <button type="button" className="jx-link-btn" onClick={() => focusRow(i.node!)}>
                      定位
                    </button>
                  ) : null}{' '}
                  {i.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      <Card
        className="jx-card"
        title="指标体系"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setAdding([])}>
            添加一级指标
          </Button>
        }
      >
        <table className="jx-grid-table jx-fw-table">
          <caption className="jx-sr">指标树：名称、分值、下级合计、计分规则</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 380 }}>
                指标名称
              </th>
              <th scope="col" style={{ width: 120 }}>
                分值
              </th>
              <th scope="col" style={{ width: 110 }}>
                下级分值合计
              </th>
              <th scope="col">计分规则</th>
              <th scope="col" style={{ width: 70 }}>
                可删减
              </th>
              <th scope="col" style={{ width: 170 }}>
                操作
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ path, node, depth }) => {
              const k = pkey(path);
              const check = checkByPath.get(k);
              const rowIssues = issuesByNode.get(k) ?? [];
              const label = node.name || `第${path.map((i) => i + 1).join('.')}项`;
              return (
                <tr key={k} id={`fw-row-${k}`} className={rowIssues.length ? 'jx-row-bad' : undefined}>
                  <td>
                    <div style={{ paddingLeft: depth * 22 }} className="jx-fw-name">
                      <span className="jx-level-tag">{['一级', '二级', '三级', '四级'][depth] ?? `${depth + 1}级`}</span>
                      <Input aria-label={`${label} 名称`} value={node.name} onChange={(e) => edit(path, { name: e.target.value })} status={rowIssues.some((i) => i.field.endsWith('.name')) ? 'error' : undefined} />
                    </div>
                    {rowIssues.length ? (
                      <div className="jx-row-issues" role="alert">
                        {rowIssues.map((i, n) => (
                          <div key={n}>{i.message}</div>
                        ))}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <InputNumber
                      aria-label={`${label} 分值`}
                      value={typeof node.weight === 'number' ? node.weight : null}
                      min={0}
                      suffix="分"
                      placeholder={node.unitWeights ? '单位设定' : ''}
                      status={check && !check.ok ? 'error' : undefined}
                      onChange={(v) => edit(path, { weight: v ?? undefined })}
                      changeOnWheel={false}
                      style={{ width: '100%' }}
                    />
                  </td>
                  <td className="jx-num-cell">
                    {check?.childrenSum !== undefined ? (
                      <span className={check.ok ? 'jx-ok' : 'jx-bad'}>
                        {check.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {check.childrenSum}
                        <span className="jx-sr">{check.ok ? '，与分值相等' : '，与分值不等'}</span>
                      </span>
                    ) : (
                      <span className="jx-muted">—</span>
                    )}
                  </td>
                  <td>
                    {node.children?.length ? <span className="jx-muted">（有下级指标）</span> : node.rule ? <span className="jx-rule">{describeRule(node.rule as never)}</span> : node.open ? <span className="jx-muted">单位自设个性指标</span> : <span className="jx-bad">缺少评分规则</span>}
                  </td>
                  <td>
                    <Checkbox checked={node.optional === true} onChange={(e) => edit(path, { optional: e.target.checked || undefined })} aria-label={`${label} 可删减（不适用时单位可删去）`} />
                  </td>
                  <td>
                    <Space size={4}>
                      {depth < 2 ? (
                        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(path)} aria-label={`在“${label}”下添加指标`}>
                          下级
                        </Button>
                      ) : null}
                      <Popconfirm title={`删去“${label}”${node.children?.length ? '及其全部下级指标' : ''}？`} okText="删去" cancelText="取消" onConfirm={() => setDraft((d) => removeNode(d, path))}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删去“${label}”`}>
                          删去
                        </Button>
                      </Popconfirm>
                    </Space>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <Card className="jx-card" title="框架数据（YAML）" extra={<Button onClick={() => setShowYaml((v) => !v)}>{showYaml ? '收起' : '展开'}</Button>}>
        {showYaml ? <pre className="jx-yaml">{stringify(draft, { lineWidth: 0 })}</pre> : <p className="jx-muted">保存时以此数据创建新的框架版本，与 frameworks/*.yaml 同构。</p>}
      </Card>
      <AddIndicator
        parent={adding}
        parentName={adding && adding.length ? rows.find((r) => pkey(r.path) === pkey(adding))?.node.name : undefined}
        onCancel={() => setAdding(undefined)}
        onAdd={(n) => {
          setDraft((d) => addNode(d, adding ?? [], n));
          setAdding(undefined);
        }}
      />
    </div>
  );
}

interface NewIndicator {
  name: string;
  weight: number;
  kind: RuleKind;
  target?: string;
  perItem?: number;
  explanation?: string;
  standard?: string;
}

function AddIndicator({ parent, parentName, onAdd, onCancel }: { parent: NodePath | undefined; parentName?: string; onAdd(n: IndicatorDraft): void; onCancel(): void }) {
  const [form] = Form.useForm<NewIndicator>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={parent !== undefined} title={parentName ? `在“${parentName}”下添加指标（个性指标）` : '添加一级指标'} okText="添加" cancelText="取消" onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form<NewIndicator>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'target', weight: 1 }}
        onFinish={(v) => {
          const rule = v.kind === 'deduction' ? { kind: v.kind, perItem: v.perItem ?? 1 } : { kind: v.kind };
          onAdd({
            name: v.name.trim(),
            weight: v.weight,
            rule: rule as IndicatorDraft['rule'],
            ...(v.target?.trim() ? { target: v.target.trim() } : {}),
            ...(v.explanation?.trim() ? { explanation: v.explanation.trim() } : {}),
            ...(v.standard?.trim() ? { standard: v.standard.trim() } : {}),
          });
          form.resetFields();
        }}
      >
        <Form.Item label="指标名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
          <Input placeholder="例如：政务信息报送及时率" />
        </Form.Item>
        <Form.Item label="分值" name="weight" rules={[{ required: true, message: '请填写分值' }]} extra="添加后请相应调减同级指标的分值，使上级分值相加无误。">
          <InputNumber min={0} suffix="分" />
        </Form.Item>
        <Form.Item label="计分方式" name="kind" rules={[{ required: true }]}>
          <Select options={NEW_KINDS.map((k) => ({ value: k, label: RULE_KIND_NAMES[k] }))} />
        </Form.Item>
        {kind === 'deduction' ? (
          <Form.Item label="每项扣分" name="perItem" rules={[{ required: true, message: '请填写每项扣分' }]}>
            <InputNumber min={0.01} step={0.5} suffix="分" />
          </Form.Item>
        ) : null}
        <Form.Item label="指标值" name="target" extra="定量指标写比较符和数值，例如 ≥95%、≤5%、=100%">
          <Input />
        </Form.Item>
        <Form.Item label="指标解释" name="explanation">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label="评分标准" name="standard">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
