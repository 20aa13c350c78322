import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { useI18n, type I18n } from '../../lib/i18n';
import { accessScoreClasses, serviceCategoryColours, type ServiceCategory } from '../../map/palette';
import { Swatch } from '../layers/swatch';
import { getAccessCard, type AccessCard as AccessCardData, type AccessTarget, type CategoryCard, type WeightedCategory } from './api';
import { formatDistance, formatScore, ordinal, roundMinutes } from './format';
import './access.css';

export interface AccessCardProps {
  target: AccessTarget;
  /** Move keyboard focus to the card (when it was opened from a control rather than a map click). */
  takeFocus: boolean;
  onClose: () => void;
  /** Called with the position the figures are measured from once they arrive (null while loading or on error). */
  onOrigin: (position: [number, number] | null) => void;
  onSessionExpired: () => void;
  /** Follows an in-app link (the app's router lives above the features). */
  onNavigate: (href: string) => void;
}

type Load = { status: 'loading' } | { status: 'ready'; card: AccessCardData } | { status: 'error'; message: string };
type Basis = 'point' | 'weighted';

const targetKey = (target: AccessTarget) =>
  target.kind === 'point' ? `point:${target.position[0].toFixed(6)},${target.position[1].toFixed(6)}` : `${target.kind}:${target.id}`;

/** Returns the colour of the score class `score` falls in (the grid's ramp, so card and map agree). */
function scoreColour(score: number): string {
  const found = [...accessScoreClasses].reverse().find((c) => score >= c.min);
  return (found ?? accessScoreClasses[0]).colour;
}

function kindLabel(kind: string, i18n: I18n): string {
  switch (kind) {
    case 'point':
      return i18n.t('access.card.kind.point');
    case 'settlement':
      return i18n.t('access.card.kind.settlement');
    case 'housing-unit':
      return i18n.t('access.card.kind.housingUnit');
    case 'locality':
    case 'neighbourhood':
    case 'intervention':
      return i18n.tEnum('zone.kind', kind);
    default:
      return i18n.t('access.card.kind.zone');
  }
}

function CategoryHeading({ category, score, i18n }: { category: ServiceCategory; score: number; i18n: I18n }) {
  return (
    <h3 className="access-category__name">
      <Swatch shape="circle" colour={serviceCategoryColours[category] ?? '#555555'} stroke="#4b5563" />
      <span>{i18n.tEnum('service.category', category)}</span>
      <span className="access-category__score" title={i18n.t('access.card.categoryScore')}>
        <span className="visually-hidden">{i18n.t('access.card.categoryScore')}: </span>
        {formatScore(score, i18n)}
      </span>
    </h3>
  );
}

function PointCategory({ item, n, i18n }: { item: CategoryCard; n: number; i18n: I18n }) {
  const { t, formatNumber, locale } = i18n;
  if (!item.nearest) {
    return (
      <li className="access-category" data-category={item.category}>
        <CategoryHeading category={item.category} score={item.score} i18n={i18n} />
        <p className="access-category__none">{t('access.card.none')}</p>
      </li>
    );
  }
  const minutes = roundMinutes(item.nearest.walkMinutes);
  const nthMinutes = roundMinutes(item.nthNearestWalkMinutes);
  return (
    <li className="access-category" data-category={item.category}>
      <CategoryHeading category={item.category} score={item.score} i18n={i18n} />
      <p className="access-category__nearest">
        <span className="visually-hidden">{t('access.card.nearest')}: </span>
        {item.nearest.name}
      </p>
      <p className="access-category__distance" data-testid="access-distance">
        <strong>{formatDistance(item.nearest.distanceM, i18n)}</strong>
        {minutes !== null && <span> · {t('access.card.walk', { minutes: formatNumber(minutes) })}</span>}
      </p>
      <dl className="access-category__facts">
        <div>
          <dt>{t('access.card.nth', { ordinal: ordinal(n, locale) })}</dt>
          <dd>
            {formatDistance(item.nthNearestM, i18n)}
            {nthMinutes !== null && ` · ${t('access.card.walk', { minutes: formatNumber(nthMinutes) })}`}
          </dd>
        </div>
        <div>
          <dt>{t('access.card.counts')}</dt>
          <dd>
            {formatNumber(item.within500m)} / {formatNumber(item.within1km)} / {formatNumber(item.within2km)}
          </dd>
        </div>
      </dl>
    </li>
  );
}

function WeightedCategoryItem({ item, i18n }: { item: WeightedCategory; i18n: I18n }) {
  const { t, formatNumber } = i18n;
  const minutes = roundMinutes(item.meanWalkMinutes);
  const percent = (share: number) => formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <li className="access-category" data-category={item.category}>
      <CategoryHeading category={item.category} score={item.score} i18n={i18n} />
      {item.meanNearestM === null ? (
        <p className="access-category__none">{t('access.card.none')}</p>
      ) : (
        <>
          <p className="access-category__distance" data-testid="access-distance">
            <span className="visually-hidden">{t('access.card.meanDistance')}: </span>
            <strong>{formatDistance(item.meanNearestM, i18n)}</strong>
            {minutes !== null && <span> · {t('access.card.walk', { minutes: formatNumber(minutes) })}</span>}
          </p>
          <dl className="access-category__facts">
            <div>
              <dt>{t('access.card.shares')}</dt>
              <dd>
                {percent(item.shareWithin500m)} / {percent(item.shareWithin1km)} / {percent(item.shareWithin2km)}
              </dd>
            </div>
          </dl>
        </>
      )}
    </li>
  );
}

/** Returns the sentence saying how the shown figures were measured. */
function basisNote(card: AccessCardData, basis: Basis, i18n: I18n): string {
  const { t, formatNumber } = i18n;
  if (card.origin.kind === 'point') return t('access.card.position', { lat: card.origin.position[1].toFixed(5), lon: card.origin.position[0].toFixed(5) });
  if (card.origin.kind === 'housing-unit') return t('access.card.unitNote');
  const weighted = card.populationWeighted;
  if (basis === 'weighted' && weighted) {
    const params = { population: formatNumber(weighted.population), points: formatNumber(weighted.samplePoints) };
    return weighted.basis === 'neighbourhood-population' ? t('access.card.basis.neighbourhood', params) : t('access.card.basis.uniform', params);
  }
  return weighted ? t('access.card.basis.pointNote') : t('access.card.basis.unknownPopulation');
}

/**
 * The access card of a place: for every service category the nearest service, its distance and walking
 * time, the n-th nearest, how many lie within 500 m / 1 km / 2 km, and the score. For an area whose
 * population is known it switches between the representative point and the population-weighted mean.
 */
export function AccessCard({ target, takeFocus, onClose, onOrigin, onSessionExpired, onNavigate }: AccessCardProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const headingId = useId();
  const basisId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [basis, setBasis] = useState<Basis>('weighted');
  const key = targetKey(target);
  const latest = useRef({ target, onOrigin, onSessionExpired });
  latest.current = { target, onOrigin, onSessionExpired };

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    setBasis('weighted');
    const { target: current, onOrigin: mark } = latest.current;
    // Mark the clicked point at once; an area's representative point follows with the answer.
    mark(current.kind === 'point' ? current.position : null);
    getAccessCard(current, controller.signal)
      .then((card) => {
        setLoad({ status: 'ready', card });
        latest.current.onOrigin(card.origin.position);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 401) latest.current.onSessionExpired();
        const message =
          error instanceof ApiError && error.status === 404 ? t('access.card.notFound') : error instanceof Error ? error.message : String(error);
        setLoad({ status: 'error', message });
      });
    return () => controller.abort();
    // `t` is rebuilt every render; the request depends on the place only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus, key]);

  const card = load.status === 'ready' ? load.card : null;
  const weighted = card?.populationWeighted ?? null;
  const shownBasis: Basis = weighted && basis === 'weighted' ? 'weighted' : 'point';
  const kind = card?.origin.kind ?? (target.kind === 'point' ? 'point' : target.kind === 'settlements' ? 'settlement' : target.kind === 'housing-units' ? 'housing-unit' : 'zone');
  const title = card?.origin.name ?? (target.kind !== 'point' ? target.name : undefined) ?? t('access.card.pointTitle');
  const score = shownBasis === 'weighted' && weighted ? weighted.score : card?.atPoint.score;
  const compareHref = card?.origin.kind === 'housing-unit' && card.origin.id !== null ? `/access/comparison?units=${card.origin.id}` : '/access/comparison';
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onNavigate(compareHref);
  };

  return (
    <section
      className="access-card"
      aria-labelledby={headingId}
      data-testid="access-card"
      data-state={load.status}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="access-card__header">
        <div>
          <p className="access-card__type">
            {t('access.title')} · {kindLabel(kind, i18n)}
          </p>
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className="access-card__title">
            {title}
          </h2>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('access.card.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>

      {load.status === 'loading' && (
        <p className="access-card__loading access-status--busy" role="status">
          {t('access.card.loading')}
        </p>
      )}
      {load.status === 'error' && (
        <p className="access-card__error" role="alert">
          {t('access.card.error', { message: load.message })}
        </p>
      )}

      {card && score !== undefined && (
        <>
          <div className="access-card__score">
            <span className="access-card__score-label">{t('access.card.score')}</span>
            <span className="access-card__score-value">{t('access.card.scoreOf', { score: formatScore(score, i18n) })}</span>
            <span className="access-card__score-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(2, Math.min(100, score))}%`, background: scoreColour(score) }} />
            </span>
          </div>

          {weighted && (
            <fieldset className="access-basis">
              <legend id={basisId}>{t('access.card.basis')}</legend>
              {(['weighted', 'point'] as const).map((value) => (
                <label key={value} className="access-basis__option">
                  <input type="radio" name={basisId} value={value} checked={shownBasis === value} onChange={() => setBasis(value)} />
                  {t(value === 'weighted' ? 'access.card.basis.weighted' : 'access.card.basis.point')}
                </label>
              ))}
            </fieldset>
          )}
          <p className="access-card__note">{basisNote(card, shownBasis, i18n)}</p>

          <ul className="access-card__categories">
            {shownBasis === 'weighted' && weighted
              ? weighted.categories.map((item) => <WeightedCategoryItem key={item.category} item={item} i18n={i18n} />)
              : card.atPoint.categories.map((item) => <PointCategory key={item.category} item={item} n={card.n} i18n={i18n} />)}
          </ul>

          <footer className="access-card__footer">
            <p>{t('access.card.method', { speed: formatNumber(card.walkingSpeedKmh) })}</p>
            <a href={compareHref} onClick={follow}>
              {t('access.card.compare')}
            </a>
          </footer>
        </>
      )}
    </section>
  );
}
