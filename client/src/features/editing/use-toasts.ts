import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  tone: 'success' | 'info' | 'error';
  text: string;
}

export interface Toasts {
  toasts: Toast[];
  /** Shows a short message; success and info fade after a few seconds, errors stay until dismissed. */
  push: (tone: Toast['tone'], text: string) => void;
  dismiss: (id: number) => void;
}

const VISIBLE_MS = 7000;

/** Returns the list of confirmation messages shown over the map and the functions to add and remove them. */
export function useToasts(): Toasts {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((previous) => previous.filter((toast) => toast.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (tone: Toast['tone'], text: string) => {
      const id = nextId.current++;
      // Keep the last three: a burst of undos should not cover the map.
      setToasts((previous) => [...previous.slice(-2), { id, tone, text }]);
      if (tone !== 'error') timers.current.set(id, setTimeout(() => dismiss(id), VISIBLE_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { toasts, push, dismiss };
}
