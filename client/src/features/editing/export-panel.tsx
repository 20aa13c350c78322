import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { DATA_SOURCES } from '../../map/layer-ids';
import { LAYER_TITLE_KEYS } from './layer-forms';

/**
 * Download links for every layer as GeoJSON or CSV, in WGS84 (EPSG:4326) or Stereo 70 (EPSG:3844),
 * from GET /api/<layer>/export; the browser saves the file the server names.
 */
export function ExportPanel() {
  const { t } = useI18n();
  const id = useId();
  const [format, setFormat] = useState<'geojson' | 'csv'>('geojson');
  const [crs, setCrs] = useState<'EPSG:4326' | 'EPSG:3844'>('EPSG:4326');
  return (
    <div className="export-panel" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="editing-tools__subheading">
        {t('editing.export.title')}
      </h3>
      <div className="export-panel__row">
        <div className="export-panel__field">
          <label htmlFor={`${id}-format`}>{t('editing.import.format')}</label>
          <select id={`${id}-format`} className="feature-search__input" value={format} onChange={(event) => setFormat(event.target.value as typeof format)}>
            <option value="geojson">GeoJSON</option>
            <option value="csv">CSV</option>
          </select>
        </div>
        <div className="export-panel__field">
          <label htmlFor={`${id}-crs`}>{t('editing.export.crs')}</label>
          <select id={`${id}-crs`} className="feature-search__input" value={crs} onChange={(event) => setCrs(event.target.value as typeof crs)}>
            <option value="EPSG:4326">{t('editing.crs.wgs84')}</option>
            <option value="EPSG:3844">{t('editing.crs.stereo70')}</option>
          </select>
        </div>
      </div>
      <ul className="editing-tools__buttons">
        {DATA_SOURCES.map((source) => (
          <li key={source}>
            <a
              className="button button--small"
              href={`/api/${source}/export?${new URLSearchParams({ format, crs })}`}
              download
              aria-label={t('editing.export.download', { layer: t(LAYER_TITLE_KEYS[source]), format: format === 'csv' ? 'CSV' : 'GeoJSON', crs })}
            >
              {t(LAYER_TITLE_KEYS[source])} <span aria-hidden="true">↓</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
