// The evaluation's form, section by section (一 to 八), editable or read-only through EditCtx.
import type { Framework, IndicatorNode } from '@core/framework/model.js';
import type { ScoreResult } from '@core/scoring.js';
import type { EvaluationDocument } from '../app/types';
import type { Problem } from './check';
import {
  AssetsWorkSection,
  BasicInfo,
  BudgetSection,
  FundsSection,
  NarrativeSection,
  StaffingSection,
  TasksSection,
} from './FigureSections';
import { IndicatorsCard } from './IndicatorsCard';
import { EditCtx, type EditContext } from './inputs';
import { SECTION_KEYS as KEYS } from './problemSlice';
import { useProblemSlice } from './useProblemSlice';
import type { IndicatorView } from './useIndicatorView';
import { useStable } from './useStable';

type Slice = Record<string, unknown> | undefined;

export function DocumentForm({
  edit,
  framework,
  doc,
  view,
  result,
  problems,
  infoMeta,
  evidence,
  onEvidence,
}: {
  edit: EditContext;
  framework: Framework;
  doc: EvaluationDocument;
  view: IndicatorView;
  result: ScoreResult | undefined;
  problems: Map<string, Problem[]>;
  infoMeta: { unit: string; year: number; framework: string; round: string };
  evidence: Map<string, number>;
  onEvidence(n: IndicatorNode): void;
}) {
  const fig = doc.figures as Record<string, unknown> | undefined;
  const metrics = useStable(result?.metrics, (m) => JSON.stringify(m ?? null));
  const p = {
    basic: useProblemSlice(problems, KEYS.basic),
    budget: useProblemSlice(problems, KEYS.budget),
    staffing: useProblemSlice(problems, KEYS.staffing),
    funds: useProblemSlice(problems, KEYS.funds),
    assets: useProblemSlice(problems, KEYS.assets),
    tasks: useProblemSlice(problems, KEYS.tasks),
    indicators: useProblemSlice(problems, KEYS.indicators),
    narrative: useProblemSlice(problems, KEYS.narrative),
  };
  return (
    <EditCtx.Provider value={edit}>
      <BasicInfo contact={doc.contact} goals={doc.goals} problems={p.basic} meta={infoMeta} />
      <BudgetSection budget={fig?.budget as Slice} problems={p.budget} metrics={metrics} />
      <StaffingSection staffing={fig?.staffing as Slice} problems={p.staffing} metrics={metrics} />
      <FundsSection
        threePublic={fig?.threePublic as Slice}
        publicFunds={fig?.publicFunds as Slice}
        procurement={fig?.procurement as Slice}
        problems={p.funds}
        metrics={metrics}
      />
      <AssetsWorkSection
        assets={fig?.assets as Slice}
        work={fig?.tasks as Slice}
        satisfaction={fig?.satisfaction}
        problems={p.assets}
        metrics={metrics}
      />
      <TasksSection tasks={doc.tasks as never} problems={p.tasks} />
      <IndicatorsCard
        framework={framework}
        doc={doc}
        view={view}
        result={result}
        problems={p.indicators}
        evidence={evidence}
        onEvidence={onEvidence}
      />
      <NarrativeSection narrative={doc.narrative as Record<string, string> | undefined} problems={p.narrative} />
    </EditCtx.Provider>
  );
}
