import type { ReactNode } from 'react';
import { Link } from '../app/router';

export function PageHeader({
  title,
  sub,
  extra,
  crumbs,
}: {
  title: ReactNode;
  sub?: ReactNode;
  extra?: ReactNode;
  crumbs?: Array<{ to?: string; label: string }>;
}) {
  return (
    <header className="jx-page-header">
      {crumbs?.length ? (
        <nav aria-label="当前位置" className="jx-crumbs">
          {crumbs.map((c, i) => (
            <span key={i}>
              {c.to ? <Link to={c.to}>{c.label}</Link> : <span aria-current="page">{c.label}</span>}
              {i < crumbs.length - 1 ? <span aria-hidden> / </span> : null}
            </span>
          ))}
        </nav>
      ) : null}
      <div className="jx-page-header-row">
        <div>
          <h1 className="jx-page-title">{title}</h1>
          {sub ? <div className="jx-page-sub">{sub}</div> : null}
        </div>
        {extra ? <div className="jx-page-extra">{extra}</div> : null}
      </div>
    </header>
  );
}
