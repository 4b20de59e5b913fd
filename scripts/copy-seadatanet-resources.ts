/**
 * Copies the third-party SeaDataNet CDI validation files from the real fixtures into resources/seadatanet/, so the
 * product validates CDI XML offline (see ../shared/docs/formats-seadatanet.md §4.1–4.2 and
 * resources/seadatanet/NOTICE.md). Only what validation needs is copied:
 *
 *   - the ISO 19139 (2005) schema folders the CDI schema reaches (gco, gmd, gml, gmx, gsr, gss, gts, srv, xlink):
 *     *.xsd only, byte for byte, relative imports unchanged;
 *   - the SeaDataNet CDI schema 7.0.0, with the xs:import lines it lacks inserted (the shipped file has them
 *     commented out, and libxml2 refuses gco:/gmd: references without an import in the same schema document);
 *   - the CDI schematron 12.1.2, byte for byte (the rules are implemented in shared/publication/cdi; the file is
 *     kept as the reference they are checked against).
 *
 * The hand-written files (cdi-7.0.0-offline.xsd, sdn-cdi/SDN_CSRCode-local.xsd, NOTICE.md) are not touched.
 *
 *   npx tsx scripts/copy-seadatanet-resources.ts
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.resolve(root, '..', 'shared', 'fixtures', 'real');
const target = path.join(root, 'resources', 'seadatanet');

export const isoSchemaFolders = ['gco', 'gmd', 'gml', 'gmx', 'gsr', 'gss', 'gts', 'srv', 'xlink'] as const;

/** Where the imports go: just before the commented-out "Local links to schemas" block of the 7.0.0 file. */
const importAnchor = '    <!-- Local links to schemas -->';

export const sdnSchemaImports = [
  '    <!-- Imports added by CytoCurator (scripts/copy-seadatanet-resources.ts) for offline validation with libxml2:',
  '         the original imports below are commented out, and references to gco:/gmd: need an import here. -->',
  '    <xs:import namespace="http://www.isotc211.org/2005/gco" schemaLocation="../iso19139-2005-schema/gco/gco.xsd"/>',
  '    <xs:import namespace="http://www.isotc211.org/2005/gmd" schemaLocation="../iso19139-2005-schema/gmd/gmd.xsd"/>',
  '    <xs:import namespace="http://www.isotc211.org/2005/gmx" schemaLocation="../iso19139-2005-schema/gmx/gmx.xsd"/>',
  '    <xs:import namespace="http://www.isotc211.org/2005/srv" schemaLocation="../iso19139-2005-schema/srv/srv.xsd"/>',
].join('\n');

/** The 7.0.0 schema with the imports inserted; throws if the anchor moved (the source file changed). */
export function patchSdnSchema(original: string): string {
  const at = original.indexOf(importAnchor);
  if (at < 0) throw new Error('SDN2_CDI_ISO19139_7.0.0.xsd: import anchor not found, the source file changed');
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  return original.slice(0, at) + sdnSchemaImports.replaceAll('\n', eol) + eol + original.slice(at);
}

function copyResources(): void {
  const isoSource = path.join(fixtures, 'geonetwork-schema-plugins', 'iso19139-2005-schema');
  for (const folder of isoSchemaFolders) {
    const out = path.join(target, 'iso19139-2005-schema', folder);
    mkdirSync(out, { recursive: true });
    for (const name of readdirSync(path.join(isoSource, folder)).sort()) {
      if (name.endsWith('.xsd')) copyFileSync(path.join(isoSource, folder, name), path.join(out, name));
    }
  }
  const sdnSource = path.join(fixtures, 'geonetwork-schema-plugins', 'iso19139.sdn-cdi', 'schemas', 'SDN2_CDI_ISO19139_7.0.0.xsd');
  mkdirSync(path.join(target, 'sdn-cdi'), { recursive: true });
  writeFileSync(path.join(target, 'sdn-cdi', 'SDN2_CDI_ISO19139_7.0.0.xsd'), patchSdnSchema(readFileSync(sdnSource, 'utf8')));
  mkdirSync(path.join(target, 'schematron'), { recursive: true });
  copyFileSync(path.join(fixtures, 'essi-lab-dab', 'schematron', 'cdi-12.1.2.sch'), path.join(target, 'schematron', 'cdi-12.1.2.sch'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyResources();
  console.log(`copied SeaDataNet validation resources to ${path.relative(root, target)}`);
}
