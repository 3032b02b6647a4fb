import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`, so relative times on a screen keep moving. */
export function useTickingNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
