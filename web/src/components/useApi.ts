import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads a URL (null waits) and reloads when it changes; a newer load always wins over an older one still in flight. */
export function useApi<T>(url: string | null): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(url !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is how reload() asks for the same URL again
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    api<T>(url, { signal: controller.signal })
      .then((value) => {
        if (ticket === latest.current) setData(value);
      })
      .catch((e) => {
        if (ticket === latest.current && (e as Error).name !== 'AbortError') setError(e);
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
    return () => controller.abort();
  }, [url, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
