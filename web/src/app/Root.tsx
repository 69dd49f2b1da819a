import { App } from 'antd';
import { Loading } from '../components/Loading';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, setCsrf, setUnauthorizedHandler } from './api';
import { AppLayout } from './Layout';
import { navigate, useLocation } from './router';
import { PageRouter, preloadPage } from './routes';
import { type Session, SessionContext } from './session';
import type { EvaluationSummary, Me, Organisation, Round } from './types';
import { Problem } from '../components/Problem';

const LoginPage = lazy(() => import('../pages/LoginPage'));

const ROUND_KEY = 'jixiao:round';

export function Root() {
  const { message } = App.useApp();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [roundId, setRoundIdState] = useState<number | undefined>(
    () => Number(localStorage.getItem(ROUND_KEY)) || undefined,
  );
  const [fatal, setFatal] = useState<string>();
  const loc = useLocation();

  const loadAll = useCallback(async () => {
    const [r, o, e] = await Promise.all([api.rounds(), api.organisations(), api.evaluations()]);
    setRounds(r);
    setOrgs(o);
    setEvaluations(e);
    setRoundIdState((cur) => (cur !== undefined && r.some((x) => x.id === cur) ? cur : r[0]?.id));
  }, []);

  const signedIn = useCallback(
    async (m: Me) => {
      setCsrf(m.csrfToken);
      preloadPage(window.location.pathname); // the page's chunk downloads while the lists load
      await loadAll();
      setMe(m);
    },
    [loadAll],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      setCsrf(undefined);
      message.warning('登录已过期，请重新登录；未保存的修改已保存在本机');
    });
    api.session().then(
      (r) => (r.me ? signedIn(r.me).catch((e: unknown) => setFatal((e as Error).message)) : setMe(null)),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setMe(null);
        else setFatal((e as Error).message);
      },
    );
  }, [signedIn, message]);

  useEffect(() => {
    if (me && loc.path === '/login') navigate('/', { replace: true });
  }, [me, loc.path]);

  const session = useMemo<Session | null>(() => {
    if (!me) return null;
    return {
      me,
      rounds,
      orgs,
      evaluations,
      roundId,
      round: rounds.find((r) => r.id === roundId),
      setRoundId: (id) => {
        setRoundIdState(id);
        if (id) localStorage.setItem(ROUND_KEY, String(id));
      },
      reload: loadAll,
      logout: async () => {
        try {
          await api.logout();
        } finally {
          setCsrf(undefined);
          setMe(null);
          navigate('/login');
        }
      },
    };
  }, [me, rounds, orgs, evaluations, roundId, loadAll]);

  if (fatal) return <Problem status="error" title="无法连接服务器" subTitle={fatal} />;
  if (me === undefined) return <Loading />;
  if (!session) {
    return (
      <Suspense fallback={<Loading />}>
        <LoginPage onSignedIn={signedIn} />
      </Suspense>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <AppLayout>
        <PageRouter />
      </AppLayout>
    </SessionContext.Provider>
  );
}
