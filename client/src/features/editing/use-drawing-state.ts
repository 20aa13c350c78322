import { useEffect, useState } from 'react';
import type { Drawing, DrawingState } from '../../map/drawing';

const IDLE: DrawingState = { phase: 'idle', kind: null, geometry: null, vertices: 0 };

/** Returns the drawing layer's current state, re-rendering on every change; idle while there is no drawing tool. */
export function useDrawingState(drawing: Drawing | null): DrawingState {
  const [state, setState] = useState<DrawingState>(() => drawing?.state() ?? IDLE);
  useEffect(() => {
    if (!drawing) {
      setState(IDLE);
      return undefined;
    }
    setState(drawing.state());
    return drawing.subscribe(setState);
  }, [drawing]);
  return state;
}
