import { lazy, Suspense } from 'react';
import { PAGE_ROLES } from './pages-access';
import { Loading } from '../components/Loading';
import { Link, match, useLocation } from './router';
import { useSession } from './session';
import { Problem } from '../components/Problem';

/** Every page is its own chunk (React.lazy): a unit filler never downloads the dashboard's ECharts. */
const pages = {
  home: lazy(() => import('../pages/HomePage')),
  evaluations: lazy(() => import('../pages/EvaluationsPage')),
  evaluation: lazy(() => import('../workspace/EvaluationPage')),
  unit: lazy(() => import('../pages/UnitPage')),
  rounds: lazy(() => import('../bureau/RoundsPage')),
  round: lazy(() => import('../bureau/ProgressPage')),
  review: lazy(() => import('../bureau/ReviewQueuePage')),
  dashboard: lazy(() => import('../bureau/DashboardPage')),
  frameworks: lazy(() => import('../frameworks/FrameworksPage')),
  framework: lazy(() => import('../frameworks/FrameworkPage')),
  frameworkEdit: lazy(() => import('../frameworks/FrameworkEditorPage')),
  password: lazy(() => import('../pages/PasswordPage')),
  // the cycle (docs/cycle.md)
  targets: lazy(() => import('../cycle/TargetsPage')),
  target: lazy(() => import('../cycle/TargetSetPage')),
  monitoring: lazy(() => import('../cycle/MonitoringPage')),
  monitoringForm: lazy(() => import('../cycle/MonitoringFormPage')),
  rectification: lazy(() => import('../cycle/RectificationPage')),
  results: lazy(() => import('../cycle/ResultsPage')),
};
type PageName = keyof typeof pages;

export const ROUTES: ReadonlyArray<readonly [PageName, string]> = [
  ['home', '/'],
  ['evaluations', '/evaluations'],
  ['evaluation', '/evaluations/:id'],
  ['unit', '/units/:orgId'],
  ['rounds', '/rounds'],
  ['round', '/rounds/:id'],
  ['review', '/review'],
  ['dashboard', '/dashboard'],
  ['frameworks', '/frameworks'],
  ['framework', '/frameworks/:id'],
  ['frameworkEdit', '/frameworks/:id/edit'],
  ['password', '/password'],
  ['targets', '/targets'],
  ['target', '/targets/:id'],
  ['monitoring', '/monitoring'],
  ['monitoringForm', '/monitoring/:id'],
  ['rectification', '/rectification'],
  ['results', '/results'],
];

/** Pages only some roles use; the others get a clear 403 instead of an empty page (table in pages-access.ts). */
const ONLY = PAGE_ROLES as Partial<Record<PageName, (role: string) => boolean>>;

export function PageRouter() {
  const loc = useLocation();
  const { me } = useSession();
  const m = match(ROUTES, loc.path);
  if (!m) {
    return (
      <Problem
        status="404"
        title="页面不存在"
        subTitle={`没有“${loc.path}”这个页面。`}
        extra={<Link to="/">返回工作台</Link>}
      />
    );
  }
  const allowed = ONLY[m.name as PageName];
  if (allowed && !allowed(me.user.role)) {
    return (
      <Problem
        status="403"
        title="无权访问"
        subTitle={`您的角色（${me.user.roleLabel}）不能使用这个页面。`}
        extra={<Link to="/">返回工作台</Link>}
      />
    );
  }
  const Page = pages[m.name as PageName];
  return (
    <Suspense fallback={<Loading />}>
      <Page params={m.params} key={`${m.name}:${JSON.stringify(m.params)}`} />
    </Suspense>
  );
}
