import { useCallback, useState } from 'react';
import { DATA_SOURCES, type DataSourceId } from '../../map/layer-ids';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../map/palette';

export interface LayerSettings {
  visibility: Record<DataSourceId, boolean>;
  serviceCategories: readonly ServiceCategory[];
  setVisible: (source: DataSourceId, visible: boolean) => void;
  setCategoryVisible: (category: ServiceCategory, visible: boolean) => void;
  setAllCategories: (visible: boolean) => void;
}

const allVisible = Object.fromEntries(DATA_SOURCES.map((source) => [source, true])) as Record<DataSourceId, boolean>;

/** Returns which layers and service categories are shown, and setters; everything starts visible. */
export function useLayerSettings(): LayerSettings {
  const [visibility, setVisibility] = useState(allVisible);
  const [serviceCategories, setServiceCategories] = useState<readonly ServiceCategory[]>(SERVICE_CATEGORIES);

  const setVisible = useCallback((source: DataSourceId, visible: boolean) => {
    setVisibility((previous) => ({ ...previous, [source]: visible }));
  }, []);
  const setCategoryVisible = useCallback((category: ServiceCategory, visible: boolean) => {
    setServiceCategories((previous) => {
      const next = new Set(previous);
      if (visible) next.add(category);
      else next.delete(category);
      // Keep the canonical order so the map filter and the UI stay stable.
      return SERVICE_CATEGORIES.filter((c) => next.has(c));
    });
  }, []);
  const setAllCategories = useCallback((visible: boolean) => {
    setServiceCategories(visible ? SERVICE_CATEGORIES : []);
  }, []);

  return { visibility, serviceCategories, setVisible, setCategoryVisible, setAllCategories };
}
