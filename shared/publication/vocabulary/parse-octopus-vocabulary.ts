/**
 * Reads the NVS extracts of the Octopus repository (Ifremer "sismerTools" flat XML, formats-seadatanet.md §1):
 *
 *   <vocabulary list="SDN:L08:5:" version="5" date="2021-05-05T02:00:15.000" title="…">
 *     <element key="SDN:L08::CC" label="collection cost charge" shortLabel="collection_charge" date="…"/>
 *     …
 *   </vocabulary>
 *
 * A small XML tokenizer rather than a DOM parser, so every bad element is reported with its line and the others
 * are kept: an element without a usable key or label, of another collection, or repeated, is left out with a
 * FormatIssue; a truncated file keeps the terms read before the cut. Only input that is not such a file at all
 * (empty, binary, another root element) throws.
 */
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../../formats/format-issue.js';
import { decodeText } from '../../formats/text/decode-text.js';
import { cleanLabel, isCollectionId, normaliseNvsDate, parseTermUrn, termUrn } from './nvs-collection.js';
import type { NvsParseResult, NvsTerm } from './nvs-collection.js';

interface Tag {
  kind: 'start' | 'end';
  name: string;
  attributes: Map<string, string>;
  selfClosing: boolean;
  line: number;
}

const NAME = /[A-Za-z_][-\w.:]*/y;
const ATTRIBUTE = /\s*([A-Za-z_][-\w.:]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function invalid(message: string, line?: number): CurationError {
  return new CurationError({ code: 'invalid-input', message, ...(line !== undefined ? { line } : {}) });
}

function toText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw invalid('not an Octopus vocabulary: the file is empty');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid('not an Octopus vocabulary: UTF-16 text is not supported (the extracts are UTF-8)');
  }
  // Text never holds NUL; binary junk (or a UTF-16 file without BOM) does.
  if (bytes.subarray(0, 4096).includes(0)) throw invalid('not an Octopus vocabulary: binary data, not XML text');
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw invalid('not an Octopus vocabulary: the file holds only white space');
  return text;
}

/** 1-based line of each offset, by binary search over the line starts (computed once). */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Parses an Octopus NVS extract. The collection comes from the root's `list` attribute (`SDN:L08:5:`), else from
 * the first element key; its version from `version`, else from `list`.
 */
export function parseOctopusVocabulary(bytes: Uint8Array): NvsParseResult {
  const text = toText(bytes);
  const lineAt = lineIndex(text);
  const issues: FormatIssue[] = [];

  function decodeValue(raw: string, line: number, field: string): string {
    // XML attribute-value normalisation: tabs and line ends are read as spaces.
    return raw.replace(/[\t\r\n]/g, ' ').replace(ENTITY, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (cp > 0 && cp <= 0x10ffff) return String.fromCodePoint(cp);
      } else if (NAMED_ENTITIES[ref] !== undefined) {
        return NAMED_ENTITIES[ref];
      }
      issues.push({ line, field, message: `unknown character reference ${whole} kept as written` });
      return whole;
    });
  }

  let pos = 0;
  /** The next tag (comments, processing instructions and the DOCTYPE are skipped), or null at the end of the text. */
  function nextTag(onText: (content: string, at: number) => void): Tag | null | 'broken' {
    for (;;) {
      const lt = text.indexOf('<', pos);
      const end = lt < 0 ? text.length : lt;
      if (end > pos) onText(text.slice(pos, end), pos);
      if (lt < 0) {
        pos = text.length;
        return null;
      }
      const line = lineAt(lt);
      if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<![CDATA[', lt) || text.startsWith('<!', lt)) {
        const closer = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<?', lt) ? '?>' : text.startsWith('<![CDATA[', lt) ? ']]>' : '>';
        const close = text.indexOf(closer, lt + 2);
        if (close < 0) {
          issues.push({ line, message: 'the file ends inside a comment or declaration (truncated?)' });
          pos = text.length;
          return null;
        }
        if (closer === ']]>') issues.push({ line, message: 'unexpected CDATA section, ignored' });
        pos = close + closer.length;
        continue;
      }
      // Find the tag's '>' outside quotes; a '<' first means the tag was cut off.
      let i = lt + 1;
      let quote = '';
      for (; i < text.length; i++) {
        const c = text[i];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>' || c === '<') break;
      }
      if (i >= text.length || text[i] === '<') {
        issues.push({ line, message: i >= text.length ? 'the file ends inside a tag (truncated)' : 'unterminated tag (no ">" before the next "<"), skipped' });
        pos = i;
        if (i >= text.length) return null;
        return 'broken';
      }
      const body = text.slice(lt + 1, i);
      pos = i + 1;
      const isEnd = body.startsWith('/');
      NAME.lastIndex = isEnd ? 1 : 0;
      const nm = NAME.exec(body);
      if (!nm) {
        issues.push({ line, message: `malformed tag <${body.slice(0, 40)}>, skipped` });
        return 'broken';
      }
      const selfClosing = !isEnd && body.endsWith('/');
      const rest = body.slice(NAME.lastIndex, selfClosing ? -1 : undefined);
      const attributes = new Map<string, string>();
      if (!isEnd) {
        let at = 0;
        ATTRIBUTE.lastIndex = 0;
        for (let a = ATTRIBUTE.exec(rest); a; a = ATTRIBUTE.exec(rest)) {
          const name = a[1] as string;
          if (attributes.has(name)) issues.push({ line, field: name, message: `attribute ${name} given twice; the first is used` });
          else attributes.set(name, decodeValue(a[2] ?? a[3] ?? '', line, name));
          at = ATTRIBUTE.lastIndex;
        }
        if (rest.slice(at).trim() !== '') {
          issues.push({ line, message: `malformed attributes in <${nm[0]}> near "${rest.slice(at).trim().slice(0, 30)}", skipped` });
          return 'broken';
        }
      }
      return { kind: isEnd ? 'end' : 'start', name: nm[0], attributes, selfClosing, line };
    }
  }

  // The root element.
  let root: Tag | null = null;
  while (!root) {
    const tag = nextTag((content, at) => {
      const lead = content.search(/\S/);
      if (lead >= 0) throw invalid('not an Octopus vocabulary: text before the root element', lineAt(at + lead));
    });
    if (tag === null) throw invalid('not an Octopus vocabulary: no XML element found');
    if (tag === 'broken') throw invalid('not an Octopus vocabulary: the root element is malformed', issues.at(-1)?.line);
    if (tag.kind === 'end') throw invalid(`not an Octopus vocabulary: unexpected </${tag.name}> before the root element`, tag.line);
    root = tag;
  }
  if (root.name !== 'vocabulary') {
    throw invalid(`not an Octopus vocabulary: the root element is <${root.name}>, expected <vocabulary>`, root.line);
  }

  const list = root.attributes.get('list') ?? '';
  const listMatch = /^SDN:([A-Z][A-Z0-9]{2}):([^:]*):$/.exec(list.trim());
  if (!listMatch) issues.push({ line: root.line, field: 'list', message: list ? `list "${list}" is not of the form SDN:<collection>:<version>:` : 'no list attribute (SDN:<collection>:<version>:)' });
  let collection = listMatch?.[1] ?? '';
  const versionAttribute = root.attributes.get('version')?.trim() ?? '';
  const version = versionAttribute || listMatch?.[2] || '';
  if (!versionAttribute) issues.push({ line: root.line, field: 'version', message: version ? `no version attribute; version ${version} taken from list` : 'no version attribute' });
  else if (listMatch?.[2] && listMatch[2] !== versionAttribute) {
    issues.push({ line: root.line, field: 'version', message: `version ${versionAttribute} differs from the version in list (${listMatch[2]}); ${versionAttribute} is used` });
  }
  const rawDate = root.attributes.get('date') ?? '';
  const date = normaliseNvsDate(rawDate) ?? '';
  if (!date) issues.push({ line: root.line, field: 'date', message: rawDate ? `date "${rawDate}" is not a date` : 'no date attribute' });
  const title = cleanLabel(root.attributes.get('title') ?? '');
  if (!title) issues.push({ line: root.line, field: 'title', message: 'no title attribute' });

  const terms: NvsTerm[] = [];
  const seen = new Map<string, number>();
  let closed = root.selfClosing;
  /** Depth inside an element that is not <element> (its content is skipped). */
  let foreignDepth = 0;
  let openElement: Tag | null = null;

  function addTerm(tag: Tag): void {
    const key = tag.attributes.get('key');
    if (key === undefined || key.trim() === '') {
      issues.push({ line: tag.line, field: 'key', message: 'element without a key, skipped' });
      return;
    }
    const parsed = parseTermUrn(key);
    if (!parsed) {
      issues.push({ line: tag.line, field: 'key', message: `key "${key}" is not of the form SDN:<collection>::<code>, skipped` });
      return;
    }
    if (!collection) collection = parsed.collection;
    if (parsed.collection !== collection) {
      issues.push({ line: tag.line, field: 'key', message: `key ${key} belongs to collection ${parsed.collection}, not ${collection}; skipped` });
      return;
    }
    const label = cleanLabel(tag.attributes.get('label') ?? '');
    if (!label) {
      issues.push({ line: tag.line, field: 'label', message: `${key}: no label, skipped` });
      return;
    }
    const first = seen.get(parsed.code);
    if (first !== undefined) {
      issues.push({ line: tag.line, field: 'key', message: `${key} repeats line ${first}; the first is kept` });
      return;
    }
    seen.set(parsed.code, tag.line);
    const term: NvsTerm = { code: parsed.code, urn: termUrn(collection, parsed.code), label };
    const shortLabel = cleanLabel(tag.attributes.get('shortLabel') ?? '');
    if (shortLabel) term.shortLabel = shortLabel;
    const termDate = tag.attributes.get('date');
    if (termDate !== undefined && termDate.trim() !== '') {
      const d = normaliseNvsDate(termDate);
      if (d) term.date = d;
      else issues.push({ line: tag.line, field: 'date', message: `${key}: date "${termDate}" is not a date, left out` });
    }
    const group = cleanLabel(tag.attributes.get('group') ?? '');
    if (group) term.group = group;
    const deprecated = tag.attributes.get('deprecated')?.trim().toLowerCase();
    if (deprecated === 'true') term.deprecated = true;
    terms.push(term);
  }

  const onContent = (content: string, at: number): void => {
    const lead = content.search(/\S/);
    if (foreignDepth === 0 && lead >= 0) issues.push({ line: lineAt(at + lead), message: `unexpected text "${content.trim().slice(0, 30)}", ignored` });
  };
  while (!closed) {
    const tag = nextTag(onContent);
    if (tag === null) break;
    if (tag === 'broken') continue;
    if (tag.kind === 'start') {
      if (foreignDepth > 0 || openElement) {
        if (!tag.selfClosing) foreignDepth++;
        if (openElement && foreignDepth <= 1) issues.push({ line: tag.line, message: `unexpected <${tag.name}> inside <element>, ignored` });
        continue;
      }
      if (tag.name === 'element') {
        addTerm(tag);
        if (!tag.selfClosing) openElement = tag;
      } else {
        issues.push({ line: tag.line, message: `unexpected element <${tag.name}>, ignored` });
        if (!tag.selfClosing) foreignDepth = 1;
      }
      continue;
    }
    // End tags.
    if (foreignDepth > 0) foreignDepth--;
    else if (openElement && tag.name === 'element') openElement = null;
    else if (tag.name === 'vocabulary') closed = true;
    else issues.push({ line: tag.line, message: `unexpected </${tag.name}>, ignored` });
  }
  if (!closed) {
    issues.push({ line: lineAt(text.length), message: 'no closing </vocabulary>: the file is truncated; the terms before the cut are kept' });
  } else {
    // Only white space and comments may follow the root.
    const after = nextTag(onContent);
    if (after !== null) issues.push({ line: after === 'broken' ? lineAt(pos) : after.line, message: 'content after </vocabulary>, ignored' });
  }
  if (!collection) throw invalid('not an Octopus vocabulary: neither the list attribute nor any element key names a collection', root.line);
  if (!isCollectionId(collection)) throw invalid(`not an Octopus vocabulary: "${collection}" is not an NVS collection id`, root.line);
  if (terms.length === 0) issues.push({ line: root.line, message: `collection ${collection} has no terms` });
  return { vocabulary: { collection, version, date, title, terms }, issues };
}
