// A round's units (评价范围): who is asked, how far each has got; the admin adds or withdraws units.
import { App, Button, Modal, Popconfirm, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { useSession } from '../app/session';
import type { Round, RoundUnit } from '../app/types';
import { EMPTY_PICK, type Pick, selectionOf, UnitPicker } from './UnitPicker';

export function RoundUnits({ round, onClose }: { round: Round; onClose(): void }) {
  const s = useSession();
  const { message } = App.useApp();
  const isAdmin = s.me.user.role === 'bureau_admin';
  const [units, setUnits] = useState<RoundUnit[]>();
  const [adding, setAdding] = useState(false);
  const [pick, setPick] = useState<Pick>({ ...EMPTY_PICK, mode: 'tree' });
  useEffect(() => {
    api.roundUnits(round.id).then(setUnits, (e: Error) => message.error(e.message));
  }, [round.id, message]);

  const done = async (p: Promise<RoundUnit[]>, text: string) => {
    try {
      setUnits(await p);
      await s.reload();
      message.success(text);
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    }
  };
  const add = async () => {
    const sel = selectionOf(pick);
    if (sel && (await done(api.addRoundUnits(round.id, sel), '已加入评价范围'))) setAdding(false);
  };

  return (
    <Modal open title={`评价范围：${round.name}`} width={760} footer={null} onCancel={onClose} destroyOnHidden>
      {adding ? (
        <>
          <UnitPicker orgs={s.orgs} value={pick} onChange={setPick} noAll />
          <div className="jx-unit-actions">
            <Button onClick={() => setAdding(false)}>取消</Button>
            <Button type="primary" onClick={() => void add()}>
              加入
            </Button>
          </div>
        </>
      ) : isAdmin ? (
        <Button onClick={() => setAdding(true)}>添加单位</Button>
      ) : null}
      <Table<RoundUnit>
        rowKey="orgId"
        size="small"
        loading={!units}
        dataSource={units ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          {
            title: '评价',
            key: 'ev',
            width: 120,
            render: (_, u) => u.evaluationStatusLabel ?? '未开始',
          },
          {
            title: '范围',
            key: 'active',
            width: 170,
            render: (_, u) =>
              u.active ? (
                isAdmin ? (
                  <Popconfirm
                    title={`把“${u.name}”撤出本轮次？`}
                    description="已填的内容保留，但不再出现在待办，也不能提交；记入修改记录。"
                    okText="撤出"
                    cancelText="取消"
                    onConfirm={() => done(api.withdrawRoundUnit(round.id, u.orgId), `已把“${u.name}”撤出本轮次`)}
                  >
                    <Button size="small" danger>
                      撤出
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tag color="blue">在范围内</Tag>
                )
              ) : (
                <Tag>已撤出</Tag>
              ),
          },
        ]}
      />
    </Modal>
  );
}
