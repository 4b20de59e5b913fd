/** CytoClus sets exported with the sample and their event counts. */
import type { SampleDetail } from '../../../shared/model/sample.js';
import { formatCount } from '../../format/format-values.js';
import { useT } from '../../i18n/use-i18n.js';
import { PanelSection } from './panel-section.js';

export function SetsSection({ sets }: { sets: SampleDetail['sets'] }) {
  const t = useT();
  return (
    <PanelSection title={t('sample.sets')} testId="sample-sets" count={sets.length}>
      {sets.length === 0 ? (
        <p className="cc-muted">{t('sets.none')}</p>
      ) : (
        <table className="cc-table cc-panel-table">
          <thead>
            <tr>
              <th scope="col">{t('sets.name')}</th>
              <th scope="col" className="cc-num">
                {t('sets.events')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.name}>
                <td>{s.name}</td>
                <td className="cc-num">{formatCount(s.events)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PanelSection>
  );
}
