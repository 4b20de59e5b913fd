/**
 * The few XMP properties CytoClus writes (formats-cytosense.md §8.3). XMP is RDF/XML; CytoClus uses the element
 * form, other writers the attribute form — both are read with patterns, no XML parser needed for four fields.
 */
export interface XmpFields {
  creatorTool?: string;
  /** As written, e.g. "2023-05-24T09:26:01.261" (no zone from CytoClus). */
  createDate?: string;
  /** dc:title (x-default): "<sample> - <ParticleID>". */
  title?: string;
  description?: string;
}

export function readXmpFields(xmp: string): XmpFields {
  const out: XmpFields = {};
  const creatorTool = simpleProperty(xmp, 'xmp:CreatorTool');
  const createDate = simpleProperty(xmp, 'xmp:CreateDate');
  const title = altProperty(xmp, 'dc:title');
  const description = altProperty(xmp, 'dc:description');
  if (creatorTool !== undefined) out.creatorTool = creatorTool;
  if (createDate !== undefined) out.createDate = createDate;
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  return out;
}

function simpleProperty(xmp: string, name: string): string | undefined {
  const element = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp);
  if (element) return unescapeXml(element[1]!).trim();
  const attribute = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(xmp);
  return attribute ? unescapeXml(attribute[1]!).trim() : undefined;
}

/** Language alternatives: the x-default item, else the first item. */
function altProperty(xmp: string, name: string): string | undefined {
  const block = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmp)?.[1];
  if (block === undefined) return undefined;
  const items = [...block.matchAll(/<rdf:li([^>]*)>([^<]*)<\/rdf:li>/g)];
  const chosen = items.find((m) => /xml:lang\s*=\s*"x-default"/.test(m[1]!)) ?? items[0];
  return chosen ? unescapeXml(chosen[2]!).trim() : undefined;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp'];
  });
}
