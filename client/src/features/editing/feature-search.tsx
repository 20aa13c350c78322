import { useEffect, useId, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { DATA_SOURCES, type DataSourceId } from '../../map/layer-ids';
import { searchFeatures } from './api';
import { LAYER_FORMS } from './layer-forms';

export interface FeatureSearchProps {
  onShow: (source: DataSourceId, id: number) => void;
  onSessionExpired: () => void;
}

interface Hit {
  source: DataSourceId;
  id: number;
  label: string;
}

type Search = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; hits: Hit[] } | { status: 'error'; message: string };

const DEBOUNCE_MS = 300;
const MIN_LENGTH = 2;

/**
 * Search every map layer by name (a housing unit by its address) through `?q=` of the list endpoints,
 * which ignores case and diacritics; a result shows the feature on the map.
 */
export function FeatureSearch({ onShow, onSessionExpired }: FeatureSearchProps) {
  const { t } = useI18n();
  const inputId = useId();
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });

  useEffect(() => {
    const text = query.trim();
    if (text.length < MIN_LENGTH) {
      setSearch({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch({ status: 'loading' });
      Promise.all(
        DATA_SOURCES.map(async (source) => {
          const collection = await searchFeatures(source, text, controller.signal);
          const field = LAYER_FORMS[source].titleField;
          return collection.features.map((feature): Hit => {
            const title = feature.properties[field];
            const address = feature.properties.address;
            const label = [typeof title === 'string' ? title : `#${feature.id}`, source === 'housing-units' && typeof address === 'string' ? address : null]
              .filter(Boolean)
              .join(' — ');
            return { source, id: feature.id, label };
          });
        }),
      ).then(
        (groups) => setSearch({ status: 'ready', hits: groups.flat() }),
        (error: unknown) => {
          if (isAbortError(error)) return;
          if (error instanceof ApiError && error.status === 401) onSessionExpired();
          setSearch({ status: 'error', message: error instanceof ApiError ? (error.detail ?? error.title) : String(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, onSessionExpired]);

  return (
    <div className="feature-search" role="search">
      <label htmlFor={inputId} className="feature-search__label">
        {t('editing.search.label')}
      </label>
      <input
        id={inputId}
        type="search"
        className="feature-search__input"
        value={query}
        autoComplete="off"
        placeholder={t('editing.search.placeholder')}
        aria-describedby={resultsId}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div id={resultsId} aria-live="polite" className="feature-search__results">
        {search.status === 'loading' && <p className="feature-search__status">{t('editing.search.loading')}</p>}
        {search.status === 'error' && <p className="feature-search__status">{t('editing.search.error', { message: search.message })}</p>}
        {search.status === 'ready' && search.hits.length === 0 && <p className="feature-search__status">{t('editing.search.none')}</p>}
        {search.status === 'ready' && search.hits.length > 0 && (
          <>
            <p className="visually-hidden">{t('editing.search.count', { count: search.hits.length })}</p>
            <ul className="feature-search__list">
              {search.hits.map((hit) => (
                <li key={`${hit.source}/${hit.id}`}>
                  <button type="button" className="link-button" onClick={() => onShow(hit.source, hit.id)}>
                    {hit.label}
                  </button>
                  <span className="feature-search__layer"> · {t(`editing.noun.${hit.source}`)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
