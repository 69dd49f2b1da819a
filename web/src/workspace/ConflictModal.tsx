// The autosave's conflict dialog: fields both sides changed differently, and which version to keep.
import type { TreeIndex } from '@core/framework/model.js';
import { Button, Modal, Space } from 'antd';
import { memo } from 'react';
import { dateTime } from '../app/format';
import type { AutosaveController, AutosaveSnapshot } from './autosave';
import { fieldLabel } from './check';
import { getIn } from './doc';

/** A field's value as the conflict dialog shows it. */
function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return '空';
  if (Array.isArray(v))
    return v.length === 0
      ? '空'
      : v.every((x) => typeof x === 'boolean')
        ? `勾选${v.filter(Boolean).length}项`
        : `${v.length}项`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** While there is no conflict, a keystroke (a new snapshot) leaves the closed dialog alone. */
const sameClosed = (a: Props, b: Props) =>
  a.ctl === b.ctl &&
  a.index === b.index &&
  (a.snap === b.snap || (a.snap.state !== 'conflict' && b.snap.state !== 'conflict'));

interface Props {
  snap: AutosaveSnapshot;
  ctl: AutosaveController;
  index: TreeIndex;
}

export const ConflictModal = memo(function ConflictModal({ snap, ctl, index }: Props) {
  return (
    <Modal
      open={snap.state === 'conflict'}
      title="保存冲突：这份评价已被他人修改"
      closable={false}
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={() => ctl.resolve('theirs')} disabled={!snap.conflict}>
            这些栏目采用最新版本
          </Button>
          <Button type="primary" onClick={() => ctl.resolve('mine')} disabled={!snap.conflict?.editable}>
            这些栏目保留我的修改
          </Button>
        </Space>
      }
    >
      {/* The API's message ends by telling API clients to reload; here nothing needs reloading. */}
      <p>
        {(snap.error ?? '').replace(/您的修改没有保存[^。]*。/, '').trim() || '服务器上的版本比您开始修改时的版本新。'}
      </p>
      <p>
        您的修改没有丢失，仍保存在本机。双方修改了不同栏目的部分已自动合并；下列栏目双方都改了且不一致，请选择保留哪一份：
      </p>
      {snap.conflict ? (
        <>
          <p className="jx-muted">
            最新版本：第 {snap.conflict.version} 版，{dateTime(snap.conflict.updatedAt)}，状态“
            {snap.conflict.statusLabel}”。双方都修改的栏目：
          </p>
          <ul className="jx-diff">
            {(snap.conflictPaths ?? []).map((path) => {
              const p = path.join('.');
              return (
                <li key={p}>
                  {fieldLabel(path.slice(0, p.startsWith('indicators.') ? 3 : undefined).join('.'), index)}：我的“
                  {shown(getIn(snap.doc, path))}”，最新“{shown(getIn(snap.conflict!.document, path))}”
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="jx-muted">正在读取最新版本…</p>
      )}
    </Modal>
  );
}, sameClosed);
