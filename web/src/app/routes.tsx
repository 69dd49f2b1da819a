import { type ComponentType, lazy, Suspense } from 'react';
import { PAGE_ROLES } from './pages-access';
import { prefetch } from './prefetch';
import { Loading } from '../components/Loading';
import { Link, match, type PageProps, useLocation } from './router';
import { useSession } from './session';
import { Problem } from '../components/Problem';

type Loader = () => Promise<{ default: ComponentType<PageProps> }>;
const preloads = new Map<unknown, () => void>();
/** React.lazy with a handle to start the download before the page renders (see the end of the table). */
function page(load: Loader) {
  let started: ReturnType<Loader> | undefined;
  const once = () => (started ??= load());
  const c = lazy(once);
  preloads.set(c, () => void once());
  return c;
}

/** Every page is its own chunk (React.lazy): a unit filler never downloads the dashboard's ECharts. */
const pages = {
  home: page(() => import('../pages/HomePage')),
  evaluations: page(() => import('../pages/EvaluationsPage')),
  evaluation: page(() => import('../workspace/EvaluationPage')),
  unit: page(() => import('../pages/UnitPage')),
  rounds: page(() => import('../bureau/RoundsPage')),
  round: page(() => import('../bureau/ProgressPage')),
  review: page(() => import('../bureau/ReviewQueuePage')),
  dashboard: page(() => import('../bureau/DashboardPage')),
  frameworks: page(() => import('../frameworks/FrameworksPage')),
  framework: page(() => import('../frameworks/FrameworkPage')),
  frameworkEdit: page(() => import('../frameworks/FrameworkEditorPage')),
  password: page(() => import('../pages/PasswordPage')),
  // the cycle (docs/cycle.md)
  targets: page(() => import('../cycle/TargetsPage')),
  target: page(() => import('../cycle/TargetSetPage')),
  monitoring: page(() => import('../cycle/MonitoringPage')),
  monitoringForm: page(() => import('../cycle/MonitoringFormPage')),
  rectification: page(() => import('../cycle/RectificationPage')),
  results: page(() => import('../cycle/ResultsPage')),
  cycleSettings: page(() => import('../cycle/SettingsPage')),
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
  ['cycleSettings', '/cycle/settings'],
];

/** Starts the download of the page at `path` (Root calls it as soon as the session is known, before the lists load). */
export function preloadPage(path: string): void {
  const m = match(ROUTES, path);
  if (m) preloads.get(pages[m.name as PageName])?.();
}

/** Pages only some roles use; the others get a clear 403 instead of an empty page (table in pages-access.ts). */
const ONLY = PAGE_ROLES as Partial<Record<PageName, (role: string) => boolean>>;

export function PageRouter() {
  const loc = useLocation();
  const session = useSession();
  const { me } = session;
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
  // The page's data is requested now, while its chunk downloads (app/prefetch.ts).
  prefetch(m.name, m.params, session);
  const Page = pages[m.name as PageName];
  return (
    <Suspense fallback={<Loading />}>
      <Page params={m.params} key={`${m.name}:${JSON.stringify(m.params)}`} />
    </Suspense>
  );
}
