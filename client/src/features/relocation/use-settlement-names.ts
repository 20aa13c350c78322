import { useEffect, useState } from 'react';
import { isAbortError } from '../../lib/api-client';
import { listSettlements } from '../settlements/api';

/** Returns the settlements of origin as id → name (empty until loaded or when they cannot be read). */
export function useSettlementNames(): Map<number, string> {
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    listSettlements(controller.signal)
      .then((collection) => setNames(new Map(collection.features.map((f) => [f.id, f.properties.name]))))
      .catch((error: unknown) => {
        // Without names the pages show ids; the failure of this side request is not worth an alert.
        if (!isAbortError(error)) setNames(new Map());
      });
    return () => controller.abort();
  }, []);
  return names;
}
