import { useEffect, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { getPointDistances, type PointDistances } from './api';
import { formatLength } from './format-length';
import './editing.css';

export interface PlaceDistancesCardProps {
  position: readonly [number, number];
  onSessionExpired: () => void;
}

/**
 * For a clicked point: how far it is from the city centre (Piața Unirii) and from the nearest Pata Rât
 * community, geodesic; complements the access card, which covers the nearest service of each category.
 */
export function PlaceDistancesCard({ position, onSessionExpired }: PlaceDistancesCardProps) {
  const { t, formatNumber } = useI18n();
  const [distances, setDistances] = useState<PointDistances | null>(null);
  const [lon, lat] = position;

  useEffect(() => {
    const controller = new AbortController();
    setDistances(null);
    getPointDistances([lon, lat], controller.signal).then(setDistances, (error: unknown) => {
      if (isAbortError(error)) return;
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      else console.error('reading the distances of a point', error);
    });
    return () => controller.abort();
  }, [lon, lat, onSessionExpired]);

  if (!distances) return null;
  const settlement = distances.nearestSettlement;
  return (
    <section className="place-distances" aria-label={t('editing.place.label')} data-testid="place-distances">
      <p>
        {t('editing.place.centre')}: <strong>{formatLength(distances.cityCentre.distanceM, formatNumber)}</strong>
      </p>
      {settlement && (
        <p>
          {t('editing.place.settlement', { name: settlement.name })}:{' '}
          <strong>{settlement.inside ? t('editing.place.inside') : formatLength(settlement.distanceM, formatNumber)}</strong>
        </p>
      )}
    </section>
  );
}
