// What the workspace does beside the form: the header's round follows the evaluation, and saves that merged or restored say so.
import { App } from 'antd';
import { useEffect } from 'react';
import { useSession } from '../app/session';
import type { AutosaveSnapshot } from './autosave';

/** The header's round switcher follows the evaluation that is open (a 2021 evaluation under “2024” misleads). */
export function useFollowRound(roundId: number): void {
  const { roundId: headerRound, setRoundId, rounds } = useSession();
  useEffect(() => {
    if (headerRound !== roundId && rounds.some((r) => r.id === roundId)) setRoundId(roundId);
  }, [headerRound, roundId, rounds, setRoundId]);
}

/** A save merged with someone else's changes, or local changes restored from this browser: one message each. */
export function useSaveNotices(snap: Pick<AutosaveSnapshot, 'mergedAt' | 'restored'>): void {
  const { message } = App.useApp();
  useEffect(() => {
    if (snap.mergedAt) void message.info('他人同时修改了这份评价（不同的栏目），已将双方的修改合并保存。');
  }, [snap.mergedAt, message]);
  useEffect(() => {
    if (snap.restored) message.info('已恢复您上次在本机未保存的修改，正在保存到服务器');
  }, [snap.restored, message]);
}
