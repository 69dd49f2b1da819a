// /evaluations/:id — loads the evaluation, its round and framework, then opens the workspace.
import type { Framework } from '@core/framework/model.js';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../app/api';
import { loadFramework } from '../app/frameworks';
import { evaluationKey, prefetched } from '../app/prefetch';
import { Link, type PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { EvaluationDetail, Round } from '../app/types';
import { Loading } from '../components/Loading';
import { Workspace } from './Workspace';
import { Problem } from '../components/Problem';

interface Loaded {
  detail: EvaluationDetail;
  framework: Framework;
  round: Round;
}

export default function EvaluationPage({ params }: PageProps) {
  const id = Number(params.id);
  const s = useSession();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<ApiError | Error>();
  useEffect(() => {
    let alive = true;
    (async () => {
      const detail = await prefetched(evaluationKey(id), () => api.evaluation(id));
      const round = s.rounds.find((r) => r.id === detail.roundId) ?? (await api.round(detail.roundId));
      const { framework } = await loadFramework(round.frameworkVersionId);
      if (alive) setLoaded({ detail, framework, round });
    })().catch((e: Error) => alive && setError(e));
    return () => {
      alive = false;
    };
    // The round list may refresh; the evaluation is loaded once per visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <Problem
        status={missing ? '404' : 'error'}
        title={missing ? '未找到该评价，或您无权查看' : '加载失败'}
        subTitle={error.message}
        extra={<Link to="/">返回工作台</Link>}
      />
    );
  }
  if (!loaded) return <Loading tip="正在加载评价和指标框架…" />;
  return <Workspace {...loaded} />;
}
