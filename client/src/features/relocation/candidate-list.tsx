import { useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { Candidate } from './api';

const SHOWN_AT_FIRST = 10;

/**
 * The units suggested for the plan's household, best first, each with its score broken down (size fit,
 * features, access gain, locality, concentration penalty) and its warnings. "Pick" matches the plan to
 * the unit; it is offered only while the plan may go to "matched".
 */
export function CandidateList({
  candidates,
  canPick,
  busyUnitId,
  onPick,
}: {
  candidates: Candidate[];
  canPick: boolean;
  busyUnitId: number | null;
  onPick: (candidate: Candidate) => void;
}) {
  const { t, tEnum, formatNumber } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? candidates : candidates.slice(0, SHOWN_AT_FIRST);
  const n = (value: number) => formatNumber(value, { maximumFractionDigits: 1 });
  // "count / limit" at one level, so the reader sees how close a unit is to re-creating a cluster.
  const count = (value: number | null, limit: number | null) =>
    value === null ? t('relocation.common.none') : limit === null ? formatNumber(value) : `${formatNumber(value)}/${formatNumber(limit)}`;

  if (candidates.length === 0) return <p>{t('relocation.candidates.empty')}</p>;
  return (
    <>
      <div className="rel-table-scroll">
        <table className="rel-table rel-table--candidates" data-testid="candidates">
          <caption className="visually-hidden">{t('relocation.candidates.table')}</caption>
          <thead>
            <tr>
              <th scope="col" className="rel-num">
                {t('relocation.candidates.col.rank')}
              </th>
              <th scope="col">{t('relocation.candidates.col.unit')}</th>
              <th scope="col" className="rel-num">
                {t('relocation.candidates.col.size')}
              </th>
              <th scope="col" className="rel-num">
                {t('relocation.candidates.col.score')}
              </th>
              <th scope="col">{t('relocation.candidates.col.breakdown')}</th>
              <th scope="col">{t('relocation.candidates.col.warnings')}</th>
              {canPick && <th scope="col">{t('relocation.candidates.col.action')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((candidate, index) => {
              const { unit, breakdown } = candidate;
              const { counts, limits } = breakdown.concentration;
              return (
                <tr key={unit.id} data-unit-code={unit.code}>
                  <td className="rel-num">{index + 1}</td>
                  <th scope="row">
                    <span className="rel-strong">{unit.code}</span>
                    <span className="rel-help">{[unit.address, unit.locality].filter(Boolean).join(', ')}</span>
                  </th>
                  <td className="rel-num">
                    {formatNumber(unit.rooms)} / {formatNumber(unit.floorAreaM2, { maximumFractionDigits: 0 })}
                  </td>
                  <td className="rel-num rel-strong">{n(candidate.score)}</td>
                  <td>
                    <ul className="rel-breakdown">
                      <li>
                        {t('relocation.candidates.sizeFit', {
                          score: n(breakdown.sizeFit.score),
                          max: breakdown.sizeFit.max,
                          ppr: n(breakdown.sizeFit.personsPerRoom),
                          m2: n(breakdown.sizeFit.m2PerPerson),
                        })}
                      </li>
                      <li>{t('relocation.candidates.features', { score: n(breakdown.features.score), max: breakdown.features.max })}</li>
                      <li>{t('relocation.candidates.access', { score: n(breakdown.access.score), max: breakdown.access.max })}</li>
                      <li>{t('relocation.candidates.locality', { score: n(breakdown.locality.score), max: breakdown.locality.max })}</li>
                      <li>{t('relocation.candidates.concentration', { penalty: n(breakdown.concentration.penalty) })}</li>
                      <li className="rel-help">
                        {t('relocation.candidates.counts', {
                          building: count(counts.building, limits.building),
                          near: count(counts.near, limits.near),
                          neighbourhood: count(counts.neighbourhood, limits.neighbourhood),
                          locality: count(counts.locality, limits.locality),
                        })}
                      </li>
                    </ul>
                  </td>
                  <td>
                    {!candidate.eligible && <span className="rel-tag rel-tag--error">{t('relocation.candidates.ineligible')}</span>}
                    {candidate.warnings.length > 0 && (
                      <ul className="rel-warnings">
                        {candidate.warnings.map((warning) => (
                          <li key={warning.code} className={warning.code.startsWith('concentration') ? 'rel-tag rel-tag--warning' : 'rel-tag'}>
                            {tEnum('relocation.candidates.warning', warning.code)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {canPick && (
                    <td>
                      <button
                        type="button"
                        className="button button--small button--primary"
                        disabled={!candidate.eligible || busyUnitId !== null}
                        aria-label={t('relocation.candidates.chooseLabel', { unit: unit.code })}
                        onClick={() => onPick(candidate)}
                      >
                        {t('relocation.candidates.choose')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {candidates.length > shown.length && (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          {t('relocation.board.more', { count: formatNumber(candidates.length - shown.length) })}
        </button>
      )}
    </>
  );
}
