import { useEffect, useState } from 'react';
import { isAbortError } from '../../lib/api-client';
import { listZones } from '../zones/api';

/** Returns the names of the localities (zones of kind 'locality'), sorted; empty until loaded. */
export function useLocalityNames(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    listZones(controller.signal)
      .then((zones) =>
        setNames(
          zones.features
            .filter((zone) => zone.properties.kind === 'locality')
            .map((zone) => zone.properties.name)
            .sort((a, b) => a.localeCompare(b, 'ro')),
        ),
      )
      .catch((error: unknown) => {
        // The preference is optional: without the list the form simply does not offer it.
        if (!isAbortError(error)) setNames([]);
      });
    return () => controller.abort();
  }, []);
  return names;
}
