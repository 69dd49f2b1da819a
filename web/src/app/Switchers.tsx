// The header's 评价轮次 and 单位 pickers (in the phone's drawer on a phone).
import { Select } from 'antd';
import { isBureau } from './format';
import { navigate, useLocation } from './router';
import { useSession } from './session';

/** 评价轮次 and 单位 pickers; a bureau picks any unit of its region, a unit itself or one of its 下属单位. */
export function Switchers() {
  const s = useSession();
  const loc = useLocation();
  const role = s.me.user.role;
  const orgOptions = s.orgs
    .filter((o) => o.kind !== 'bureau')
    .map((o) => ({ value: o.id, label: o.kind === 'subunit' ? `　${o.name}` : o.name }));
  const showOrgSwitch = role !== 'public' && (isBureau(role) || orgOptions.length > 1);
  const currentOrg = loc.path.startsWith('/units/') ? Number(loc.path.split('/')[2]) : undefined;
  return (
    <>
      <label className="jx-switch">
        <span>评价轮次</span>
        <Select
          aria-label="评价轮次"
          className="jx-round-select"
          value={s.roundId}
          placeholder="暂无轮次"
          onChange={(v: number) => s.setRoundId(v)}
          options={s.rounds.map((r) => ({ value: r.id, label: r.name }))}
          popupMatchSelectWidth={false}
        />
      </label>
      {showOrgSwitch ? (
        <label className="jx-switch">
          <span>单位</span>
          <Select
            aria-label="切换单位"
            className="jx-org-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择单位"
            value={currentOrg}
            onChange={(v: number) => navigate(`/units/${v}`)}
            options={orgOptions}
            popupMatchSelectWidth={false}
          />
        </label>
      ) : null}
    </>
  );
}
