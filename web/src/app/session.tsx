import { createContext, useContext } from 'react';
import type { EvaluationSummary, Me, Organisation, Round } from './types';

export interface Session {
  me: Me;
  rounds: Round[];
  orgs: Organisation[];
  evaluations: EvaluationSummary[];
  /** The round chosen in the header (round switcher). */
  roundId: number | undefined;
  round: Round | undefined;
  setRoundId(id: number | undefined): void;
  reload(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionContext>');
  return s;
}
