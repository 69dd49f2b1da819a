// State of a server-side list (ProTable-style): filters, sort, page and size, the fetched page, the selection.
import { useCallback, useEffect, useState } from 'react';
import { type ReviewFilters, reviewApi } from '../app/reviewApi';
import type { ReviewPage } from '../app/types';

export function useReviewList(initial: ReviewFilters) {
  const [filters, setFilters] = useState<ReviewFilters>(initial);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<ReviewPage>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<number[]>([]);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    // A keystroke in the search box waits 250 ms: one request per pause, not per character.
    const t = setTimeout(() => {
      reviewApi.list(filters, page, pageSize).then(
        (d) => {
          if (!alive) return;
          setData(d);
          setError(undefined);
          setLoading(false);
        },
        (e: Error) => {
          if (!alive) return;
          setError(e.message);
          setLoading(false);
        },
      );
    }, 250);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [filters, page, pageSize, tick]);

  /** Changes filters: back to page 1, selection cleared (it may name rows no longer listed). */
  const update = useCallback((patch: Partial<ReviewFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
    setSelected([]);
  }, []);
  const reset = useCallback(() => {
    setFilters(initial);
    setPage(1);
    setSelected([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const paginate = (p: number, size: number) => {
    setPage(size === pageSize ? p : 1);
    setPageSize(size);
  };
  return {
    filters,
    update,
    reset,
    page,
    pageSize,
    paginate,
    data,
    loading,
    error,
    selected,
    setSelected,
    reload: () => setTick((n) => n + 1),
  };
}

export type ReviewList = ReturnType<typeof useReviewList>;
