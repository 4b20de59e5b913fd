/**
 * Words for the form's fields and problems: the label of a field key (`pi.email`, `cdis.1.station.latitude` →
 * "Unit 2: latitude"), a problem in the reader's language, and the DOM id of a field so a checklist item can
 * take the reader to it.
 */
import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translate.js';
import type { DraftProblem } from './draft-problems.js';

const fieldKeys: Record<string, MessageKey> = {
  title: 'publish.field.title',
  abstract: 'publish.field.abstract',
  project: 'publish.field.project',
  cruise: 'publish.field.cruise',
  holdingCentreEdmo: 'publish.field.holdingCentreEdmo',
  originatorEdmo: 'publish.field.originatorEdmo',
  'pi.name': 'publish.field.piName',
  'pi.email': 'publish.field.piEmail',
  'pi.edmo': 'publish.field.piEdmo',
  platformClass: 'publish.field.platformClass',
  platformCode: 'publish.field.platformCode',
  instrument: 'publish.field.instrument',
  deviceCategory: 'publish.field.deviceCategory',
  discoveryParameters: 'publish.field.discoveryParameters',
  accessRestriction: 'publish.field.accessRestriction',
  samples: 'publish.field.samples',
  cdis: 'publish.field.units',
};

const unitFieldKeys: Record<string, MessageKey> = {
  localCdiId: 'publish.field.localCdiId',
  'station.name': 'publish.field.stationName',
  'station.latitude': 'publish.field.latitude',
  'station.longitude': 'publish.field.longitude',
  'station.samplingDepth_m': 'publish.field.samplingDepth',
  'station.bottomDepth_m': 'publish.field.bottomDepth',
  featureType: 'publish.field.featureType',
  samples: 'publish.field.unitSamples',
};

export function fieldLabel(t: Translator, field: string): string {
  const direct = fieldKeys[field];
  if (direct) return t(direct);
  const unit = /^cdis\.(\d+)(?:\.(.+))?$/.exec(field);
  if (unit) {
    const n = Number(unit[1]) + 1;
    const part = unit[2] ? unitFieldKeys[unit[2]] : undefined;
    return part ? t('publish.unitField', { n, field: t(part) }) : t('publish.unitNumber', { n });
  }
  const [head] = field.split('.');
  const parent = head ? fieldKeys[head] : undefined;
  return parent ? `${t(parent)} (${field})` : field;
}

/** The problem alone, as shown next to its field. */
export function problemText(t: Translator, p: DraftProblem): string {
  switch (p.kind) {
    case 'out-of-range':
      return t('publish.problem.out-of-range', { min: String(p.min ?? ''), max: String(p.max ?? '') });
    case 'other':
      return p.message ?? '';
    default:
      return t(`publish.problem.${p.kind}`);
  }
}

/** The problem with its field, as listed in "What is missing". */
export function problemLine(t: Translator, p: DraftProblem): string {
  return t('publish.problemLine', { field: fieldLabel(t, p.field), problem: problemText(t, p) });
}

export function fieldDomId(field: string): string {
  return `publish-field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
