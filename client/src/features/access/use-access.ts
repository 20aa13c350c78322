import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { createAccessOverlay, type AccessOverlay } from '../../map/access-overlay';
import type { ServiceCategory } from '../../map/palette';
import {
  getAccessGrid,
  getCatchments,
  type AccessGridCollection,
  type AccessTarget,
  type CatchmentCollection,
  type GridCategory,
} from './api';

/** Where an overlay stands: hidden, being computed on the server, drawn, or failed. */
export type OverlayLoad =
  | { status: 'off' }
  | { status: 'loading' }
  | { status: 'ready'; count: number; cellWidthM?: number }
  | { status: 'error'; message: string };

export interface OverlaySetting<C extends string> {
  visible: boolean;
  category: C;
  load: OverlayLoad;
}

/** The state of the access tools of the map page and what changes it. */
export interface AccessController {
  /** Pass to MapView's onMapReady: adds the access layers to the live map. */
  attach: (map: Parameters<typeof createAccessOverlay>[0]) => void;
  grid: OverlaySetting<GridCategory>;
  catchments: OverlaySetting<ServiceCategory>;
  setGridVisible: (visible: boolean) => void;
  setGridCategory: (category: GridCategory) => void;
  setCatchmentsVisible: (visible: boolean) => void;
  setCatchmentsCategory: (category: ServiceCategory) => void;
  /** True while a click on the map opens an access card (instead of selecting a feature). */
  toolActive: boolean;
  setToolActive: (active: boolean) => void;
  /** The place whose access card is open, or null. */
  target: AccessTarget | null;
  /** True when the card was opened from a control, so it takes keyboard focus. */
  targetFocus: boolean;
  /** Opens the access card of `target`. */
  open: (target: AccessTarget, options?: { focus?: boolean }) => void;
  /** Opens the access card of the place at the centre of the map (the keyboard route). */
  openAtCentre: () => void;
  close: () => void;
  /** Marks the card's origin on the map (null removes the mark). */
  markOrigin: (position: [number, number] | null) => void;
}

type Fetcher<C extends string, T> = (category: C, signal: AbortSignal) => Promise<T>;

/**
 * Keeps one overlay in step with its setting: fetches (once per category; the server caches too and
 * answers with an ETag) while it is visible, draws or hides it, and reports the load state.
 */
function useOverlay<C extends string, T extends { features: unknown[] }>(
  overlay: AccessOverlay | null,
  initial: C,
  fetcher: Fetcher<C, T>,
  draw: (overlay: AccessOverlay, data: T | null) => void,
  describe: (data: T) => OverlayLoad,
  onSessionExpired: () => void,
): [OverlaySetting<C>, (visible: boolean) => void, (category: C) => void] {
  const [visible, setVisible] = useState(false);
  const [category, setCategory] = useState<C>(initial);
  const [load, setLoad] = useState<OverlayLoad>({ status: 'off' });
  const cache = useRef(new Map<C, T>());
  const latest = useRef({ fetcher, draw, describe, onSessionExpired });
  latest.current = { fetcher, draw, describe, onSessionExpired };

  useEffect(() => {
    if (!overlay) return undefined;
    const { draw: drawNow, describe: describeNow } = latest.current;
    if (!visible) {
      drawNow(overlay, null);
      setLoad({ status: 'off' });
      return undefined;
    }
    const cached = cache.current.get(category);
    if (cached) {
      drawNow(overlay, cached);
      setLoad(describeNow(cached));
      return undefined;
    }
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    latest.current
      .fetcher(category, controller.signal)
      .then((data) => {
        cache.current.set(category, data);
        latest.current.draw(overlay, data);
        setLoad(latest.current.describe(data));
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 401) latest.current.onSessionExpired();
        setLoad({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [overlay, visible, category]);

  return [{ visible, category, load }, setVisible, setCategory];
}

const drawGrid = (overlay: AccessOverlay, data: AccessGridCollection | null) => overlay.setGrid(data);
const drawCatchments = (overlay: AccessOverlay, data: CatchmentCollection | null) => overlay.setCatchments(data);
const describeGrid = (data: AccessGridCollection): OverlayLoad => ({ status: 'ready', count: data.features.length, cellWidthM: data.cellWidthM });
const describeCatchments = (data: CatchmentCollection): OverlayLoad => ({
  status: 'ready',
  // One disc per service and radius: count services, not discs.
  count: new Set(data.features.map((f) => f.properties.serviceId)).size,
});

/** Returns the access tools of the map page: overlays, the "access here" click tool and the open card. */
export function useAccess(onSessionExpired: () => void): AccessController {
  const [overlay, setOverlay] = useState<AccessOverlay | null>(null);
  const [grid, setGridVisible, setGridCategory] = useOverlay<GridCategory, AccessGridCollection>(
    overlay,
    'all',
    getAccessGrid,
    drawGrid,
    describeGrid,
    onSessionExpired,
  );
  const [catchments, setCatchmentsVisible, setCatchmentsCategory] = useOverlay<ServiceCategory, CatchmentCollection>(
    overlay,
    'school',
    getCatchments,
    drawCatchments,
    describeCatchments,
    onSessionExpired,
  );
  const [toolActive, setToolActive] = useState(false);
  const [target, setTarget] = useState<AccessTarget | null>(null);
  const [targetFocus, setTargetFocus] = useState(false);

  const attach = useCallback((map: Parameters<typeof createAccessOverlay>[0]) => setOverlay(createAccessOverlay(map)), []);

  useEffect(() => {
    if (!overlay) return undefined;
    overlay.setToolActive(toolActive);
    if (!toolActive) return undefined;
    return overlay.onMapClick((position) => {
      setTarget({ kind: 'point', position });
      setTargetFocus(false);
    });
  }, [overlay, toolActive]);

  const open = useCallback((next: AccessTarget, options: { focus?: boolean } = {}) => {
    setTarget(next);
    setTargetFocus(options.focus ?? false);
  }, []);
  const openAtCentre = useCallback(() => {
    if (overlay) open({ kind: 'point', position: overlay.centre() }, { focus: true });
  }, [overlay, open]);
  const close = useCallback(() => {
    setTarget(null);
    overlay?.setOrigin(null);
  }, [overlay]);
  const markOrigin = useCallback((position: [number, number] | null) => overlay?.setOrigin(position), [overlay]);

  return {
    attach,
    grid,
    catchments,
    setGridVisible,
    setGridCategory,
    setCatchmentsVisible,
    setCatchmentsCategory,
    toolActive,
    setToolActive,
    target,
    targetFocus,
    open,
    openAtCentre,
    close,
    markOrigin,
  };
}
