// /frameworks/:id/edit — a bureau admin copies a framework (or opens its region's own) into the editor.
import { copyDraft, type FrameworkDraft } from '@core/framework-edit.js';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import type { PageProps } from '../app/router';
import { useSession } from '../app/session';
import type { CatalogueEntry, FrameworkDetail } from '../app/types';
import { Loading } from '../components/Loading';
import { Editor } from './Editor';
import { Problem } from '../components/Problem';

/**
 * 框架编辑: a bureau admin copies a framework (or opens its region's own), adds indicators
 * (个性指标), drops and reweights them; src/core/framework-edit.ts validates every change at once
 * (weights add up, every leaf has a rule) and the save makes a new version on the server.
 */
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
  if (error) return <Problem status="error" title="无法打开该指标框架" subTitle={error} />;
  if (!base) return <Loading />;
  // The server sends the source as data too: the editor needs no YAML parser (only its preview does, lazily).
  const source = structuredClone(base.detail.source) as unknown as FrameworkDraft;
  const own = base.entry?.editable === true;
  const start = own
    ? source
    : copyDraft(source, {
        id: `${base.detail.frameworkId}-r${s.me.organisation.regionId}`.slice(0, 60),
        name: `${source.name}（${s.me.organisation.name}修订）`,
      });
  return <Editor initial={start} basedOn={base.detail} own={own} />;
}
