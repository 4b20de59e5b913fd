/** The sample's fields (deployment, station, position, instrument, volume, events) and every metadata key of the source. */
import type { SampleDetail } from '../../../shared/model/sample.js';
import { formatCount, formatSource, formatUtcTime, formatVolume } from '../../format/format-values.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import { PanelSection } from './panel-section.js';

function position(d: SampleDetail): string {
  if (d.latitude === null || d.longitude === null) return '';
  return `${d.latitude.toFixed(5)}, ${d.longitude.toFixed(5)}`;
}

export function MetadataSection({ detail }: { detail: SampleDetail }) {
  const t = useT();
  const fields: [MessageKey, string][] = [
    ['field.deployment', detail.deployment ?? ''],
    ['field.station', detail.station ?? ''],
    ['field.position', position(detail)],
    ['field.depth', detail.depthMetres === null ? '' : String(detail.depthMetres)],
    ['field.instrument', [detail.instrument, detail.instrumentSerial].filter(Boolean).join(' — ')],
    ['field.source', formatSource(detail.source)],
    ['field.sourceTime', detail.startedAtSource ?? ''],
    ['field.duration', detail.durationSeconds === null ? '' : formatCount(detail.durationSeconds)],
    ['field.volume', formatVolume(detail.volumeMicrolitres)],
    ['field.events', formatCount(detail.eventCount)],
    ['field.images', formatCount(detail.imageCount)],
    ['field.reviewer', detail.reviewer ?? ''],
    ['field.importedAt', formatUtcTime(detail.importedAt)],
  ];
  const metadata = Object.entries(detail.metadata);

  return (
    <PanelSection title={t('sample.metadata')} testId="sample-metadata">
      <dl className="cc-kv">
        {fields.map(([key, value]) => (
          <div key={key} className="cc-kv-row" data-field={key}>
            <dt>{t(key)}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <h4 className="cc-subtitle">{t('sample.sourceMetadata')}</h4>
      {metadata.length === 0 ? (
        <p className="cc-muted">{t('metadata.none')}</p>
      ) : (
        <dl className="cc-kv cc-kv-source" data-testid="source-metadata">
          {metadata.map(([key, value]) => (
            <div key={key} className="cc-kv-row">
              <dt title={key}>{key}</dt>
              <dd title={value}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </PanelSection>
  );
}
