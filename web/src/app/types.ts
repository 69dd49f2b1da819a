import type { Evaluation } from '@core/evaluation.js';
import type { EvaluationDetail as ServerEvaluationDetail } from '../../../src/server/resources/evaluations/contract.js';

/**
 * The API's answers as the web app reads them: the types inferred from the server's zod contract
 * (src/server/resources/<resource>/contract.ts), imported type-only — nothing of the server is
 * bundled, and a change there is a type error here.
 */
export type { Action, Role, Status } from '@core/workflow.js';
export type { ErrorBody, FieldProblem, Ok } from '../../../src/server/contract.js';
export type { Attachment } from '../../../src/server/resources/attachments/contract.js';
export type { AuditEntry } from '../../../src/server/resources/audit/contract.js';
export type { Me, SessionState } from '../../../src/server/resources/auth/contract.js';
export type { DashboardScope, DashboardView } from '../../../src/server/resources/dashboard/contract.js';
export type {
  EvaluationComment as Comment,
  EvaluationSummary,
} from '../../../src/server/resources/evaluations/contract.js';
export type {
  CatalogueEntry,
  FrameworkDetail,
  FrameworkVersion,
} from '../../../src/server/resources/frameworks/contract.js';
export type { Organisation } from '../../../src/server/resources/organisations/contract.js';
export type { ReportFormat, ReportJob as ReportJobView } from '../../../src/server/resources/reports/contract.js';
export type { Round, RoundUnit, UnitListAnswer, UnitSelection } from '../../../src/server/resources/rounds/contract.js';
export type { User } from '../../../src/server/resources/users/contract.js';

/** The document as the web app edits it: the shape of examples/seeds/*.yaml, loosely typed. */
export type EvaluationDocument = Partial<Evaluation> & Record<string, unknown>;

export interface EvaluationDetail extends Omit<ServerEvaluationDetail, 'document'> {
  document: EvaluationDocument;
}
export type {
  BatchAction,
  BatchResult,
  Notification,
  Reminded,
  ReviewPage,
  ReviewRow,
  RoundProgress,
  SinceSubmission,
  SortField,
} from '../../../src/server/resources/review/contract.js';
