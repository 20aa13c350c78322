import { useCallback, useState } from 'react';
import type { DataSourceId } from '../../map/layer-ids';
import type { EditableFeature } from './api';

type Collection = { features: Array<{ id: number }> };
type Collections = Partial<Record<DataSourceId, Collection>>;

export interface LayerEdits {
  /** Returns the collections with this session's saved, undone and deleted features applied. */
  apply: <C extends Collections>(collections: C) => C;
  /** Records a feature as the server now stores it (created, changed or restored). */
  saved: (source: DataSourceId, feature: EditableFeature) => void;
  /** Records that a feature no longer exists. */
  removed: (source: DataSourceId, id: number) => void;
  /** Replaces a whole layer with a fresh read (after an import). */
  replaced: (source: DataSourceId, collection: Collection) => void;
}

/**
 * Returns the edits made on this page, laid over the layers loaded at start-up, so the map shows a save
 * at once without reloading every layer; a page reload reads them back from the server anyway.
 */
export function useLayerEdits(): LayerEdits {
  const [changes, setChanges] = useState<ReadonlyMap<string, { source: DataSourceId; feature: EditableFeature | null; id: number }>>(new Map());

  const saved = useCallback((source: DataSourceId, feature: EditableFeature) => {
    setChanges((previous) => new Map(previous).set(`${source}/${feature.id}`, { source, id: feature.id, feature }));
  }, []);
  const removed = useCallback((source: DataSourceId, id: number) => {
    setChanges((previous) => new Map(previous).set(`${source}/${id}`, { source, id, feature: null }));
  }, []);

  const [fresh, setFresh] = useState<Collections>({});
  const replaced = useCallback((source: DataSourceId, collection: Collection) => {
    setFresh((previous) => ({ ...previous, [source]: collection }));
    // Edits made before the re-read are part of it now.
    setChanges((previous) => new Map([...previous].filter(([, change]) => change.source !== source)));
  }, []);

  const apply = useCallback(
    <C extends Collections>(loaded: C): C => {
      const collections: Collections = { ...loaded };
      for (const source of Object.keys(fresh) as DataSourceId[]) if (collections[source]) collections[source] = fresh[source];
      if (changes.size === 0) return collections as C;
      const result: Collections = { ...collections };
      for (const source of Object.keys(collections) as DataSourceId[]) {
        const collection = collections[source];
        if (!collection) continue;
        const mine = [...changes.values()].filter((change) => change.source === source);
        if (mine.length === 0) continue;
        const byId = new Map(mine.map((change) => [change.id, change.feature]));
        const kept = collection.features
          .filter((feature) => byId.get(feature.id) !== null)
          .map((feature) => (byId.has(feature.id) ? (byId.get(feature.id) as typeof feature) : feature));
        const existing = new Set(collection.features.map((feature) => feature.id));
        const added = mine.filter((change) => change.feature && !existing.has(change.id)).map((change) => change.feature as unknown as (typeof kept)[number]);
        result[source] = { ...collection, features: [...kept, ...added] };
      }
      return result as C;
    },
    [changes, fresh],
  );

  return { apply, saved, removed, replaced };
}
