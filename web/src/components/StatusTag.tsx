import { STATUS_LABELS } from '../app/format';
import { GRADE_COLOURS, STATUS_STYLE } from '../app/theme';
import type { Status } from '../app/types';

export function StatusTag({ status }: { status: Status }) {
  const s = STATUS_STYLE[status] ?? STATUS_STYLE.draft!;
  return (
    <span className="jx-tag" style={{ color: s.color, background: s.bg, borderColor: s.border }} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function GradeTag({ grade }: { grade: string | null | undefined }) {
  if (!grade) return <span className="jx-muted">—</span>;
  const c = GRADE_COLOURS[grade] ?? '#3f3f46';
  return (
    <span className="jx-tag jx-grade" style={{ color: c, borderColor: c }}>
      {grade}
    </span>
  );
}
