/** Where the sample came from: each source file with its role, size and SHA-256 (short; full on hover), and the import version. */
import type { SampleDetail } from '../../../shared/model/sample.js';
import { formatBytes } from '../../format/format-bytes.js';
import { baseName } from '../../import/path-names.js';
import { useT } from '../../i18n/use-i18n.js';
import { PanelSection } from './panel-section.js';

export function ProvenanceSection({ detail }: { detail: SampleDetail }) {
  const t = useT();
  return (
    <PanelSection title={t('sample.provenance')} testId="sample-provenance" count={detail.provenance.length}>
      <p className="cc-muted">
        {t('field.importVersion')}: <span data-testid="import-version">{detail.importVersion ?? '—'}</span>
      </p>
      <table className="cc-table cc-panel-table">
        <thead>
          <tr>
            <th scope="col">{t('prov.file')}</th>
            <th scope="col">{t('prov.role')}</th>
            <th scope="col" className="cc-num">
              {t('prov.size')}
            </th>
            <th scope="col">{t('prov.sha256')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.provenance.map((p) => (
            <tr key={`${p.sourcePath}:${p.sha256}`}>
              <td className="cc-table-name" title={p.sourcePath}>
                {baseName(p.sourcePath)}
              </td>
              <td>{t(`role.${p.role}`)}</td>
              <td className="cc-num">{formatBytes(p.sizeBytes)}</td>
              <td className="cc-mono" title={p.sha256} data-sha256={p.sha256}>
                {p.sha256.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </PanelSection>
  );
}
