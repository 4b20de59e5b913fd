/**
 * The structured `//` comment lines of a SeaDataNet ODV header: the `//SDN_parameter_mapping` lines that give each
 * data column its P01 parameter and P06 unit (and, in newer files, its L22 instrument), and the
 * `//<sdn_reference …/>` lines that link the file to CDI records, ships (C17) or cruises (CSR).
 */

export interface OdvMappingEntry {
  /** 1-based line number. */
  line: number;
  /** Local name: the column label without its ` [unit]` part (`SDN:LOCAL:<name>`). */
  subject: string;
  p01: string;
  p06: string;
  /** L22 code (`TOOL1209`) when the line carries an `<instrument>` element. */
  l22: string | null;
}

export interface OdvReference {
  line: number;
  href: string;
  role: string;
  type: string;
  /** `sdn:scope` (`<EDMO>:<LOCAL_CDI_ID>` for CDI references), null when absent. */
  scope: string | null;
}

/** The line that opens the mapping block, without its leading `//`. */
export const mappingHeader = 'SDN_parameter_mapping';

const mappingShape =
  /^<subject>SDN:LOCAL:([^<]+)<\/subject>\s*<object>SDN:P01::([^<]*)<\/object>\s*<units>SDN:P06::([^<]*)<\/units>\s*(?:<instrument>SDN:L22::([^<]*)<\/instrument>)?$/;

/**
 * Reads a mapping line's text after `//` (trailing TABs/spaces already removed). Returns the entry, or a reason
 * when the line does not follow the grammar.
 */
export function parseMappingLine(body: string, line: number): OdvMappingEntry | { error: string } {
  const m = mappingShape.exec(body);
  if (m === null) {
    return {
      error:
        'mapping line does not follow <subject>SDN:LOCAL:name</subject><object>SDN:P01::code</object><units>SDN:P06::code</units>[<instrument>SDN:L22::code</instrument>]',
    };
  }
  return { line, subject: (m[1] ?? '').trim(), p01: (m[2] ?? '').trim(), p06: (m[3] ?? '').trim(), l22: m[4] === undefined ? null : m[4].trim() };
}

export function formatMappingLine(entry: { subject: string; p01: string; p06: string; l22?: string | null }): string {
  const instrument = entry.l22 ? `<instrument>SDN:L22::${entry.l22}</instrument>` : '';
  return `//<subject>SDN:LOCAL:${entry.subject}</subject><object>SDN:P01::${entry.p01}</object><units>SDN:P06::${entry.p06}</units>${instrument}`;
}

/** Reads `<sdn_reference a="…" …/>` (the text after `//`). Null when it is not a well-formed element. */
export function parseReferenceLine(body: string, line: number): OdvReference | null {
  const m = /^<sdn_reference\s+((?:[\w:.-]+\s*=\s*"[^"]*"\s*)*)\/>$/.exec(body);
  if (m === null) return null;
  const attrs = new Map<string, string>();
  for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs.set(a[1] ?? '', unescapeXml(a[2] ?? ''));
  const href = attrs.get('xlink:href');
  const role = attrs.get('xlink:role');
  const type = attrs.get('xlink:type');
  if (href === undefined || role === undefined || type === undefined) return null;
  return { line, href, role, type, scope: attrs.get('sdn:scope') ?? null };
}

export function formatReferenceLine(ref: { href: string; role: string; type: string; scope?: string | null }): string {
  const scope = ref.scope ? ` sdn:scope="${escapeXml(ref.scope)}"` : '';
  return `//<sdn_reference xlink:href="${escapeXml(ref.href)}" xlink:role="${escapeXml(ref.role)}" xlink:type="${escapeXml(ref.type)}"${scope}/>`;
}

/**
 * CDI report URLs OCTOPUS accepts (its externalResourcesConfiguration.yaml, `cdiUrlPatterns`): group 1 is the
 * EDMO code, group 2 the LOCAL_CDI_ID. The first is the form current OCTOPUS writes.
 */
export const cdiUrlPatterns: readonly RegExp[] = [
  /^https:\/\/cdi\.seadatanet\.org\/report\/edmo\/([0-9]+)\/([^/?\s]+)\/xml\/?$/i,
  /^http:\/\/seadatanet\.maris2\.nl\/v_cdi_v3\/print_xml\.asp\?edmo=([0-9]+)&identifier=([^/?\s]+)$/i,
  /^https:\/\/cdi\.seadatanet\.org\/report\/edmo\/([0-9]+)\/([^/?\s]+)\/?$/i,
];

export function cdiReportUrl(edmo: string, localCdiId: string): string {
  return `https://cdi.seadatanet.org/report/edmo/${encodeURIComponent(edmo)}/${encodeURIComponent(localCdiId)}/xml`;
}

/** Any NVS term URL OCTOPUS accepts (`bodcUrlPatterns`): group 1 the collection, group 2 the code. */
export const nvsUrlPatterns: readonly RegExp[] = [
  /^https:\/\/www\.seadatanet\.org\/urnurl\/SDN:([a-zA-Z0-9]+)::([a-zA-Z0-9]+)\/?$/i,
  /^http:\/\/www\.seadatanet\.org\/urnurl\/SDN:([a-zA-Z0-9]+)::([a-zA-Z0-9]+)\/?$/i,
  /^http:\/\/vocab\.nerc\.ac\.uk\/collection\/([a-zA-Z0-9]+)\/current\/([a-zA-Z0-9]+)\/?$/i,
  /^http:\/\/vocab\.ndg\.nerc\.ac\.uk\/collection\/([a-zA-Z0-9]+)\/current\/([a-zA-Z0-9]+)\/?$/i,
];

/** Ship reference in the form OCTOPUS writes (`writeC17Reference`). */
export function c17Url(ship: string): string {
  return `https://www.seadatanet.org/urnurl/SDN:C17::${encodeURIComponent(ship)}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
