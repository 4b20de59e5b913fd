/**
 * The sets of the template being edited, with this sample's live counts: colour, name, standard group (searchable
 * vocabulary, unverified entries marked), definition when it is more than one gate, events and percentage of the
 * sample's events. Names are checked as they are typed (unique, not empty) and applied on Enter or leaving the field.
 */
import { useState } from 'react';
import type { GatedSet, GateTemplate } from '../../shared/gating/gate.js';
import { useT } from '../i18n/use-i18n.js';
import { expressionText } from './expression-text.js';
import { formatPercent } from './gating-text.js';
import { formatCount } from '../format/format-values.js';
import { GroupPicker } from './group-picker.js';
import { setNameProblem } from './template-edit.js';
import { useGatingStore } from './use-gating-store.js';

let colourContext: CanvasRenderingContext2D | null | undefined;

/**
 * <input type="color"> takes only #rrggbb; sets imported from CytoClus carry colour names ("Red", "DarkOrange"),
 * which the canvas turns into that form.
 */
function colourInputValue(colour: string | null): string {
  const fallback = '#888888';
  if (!colour) return fallback;
  if (/^#[0-9a-f]{6}$/i.test(colour)) return colour.toLowerCase();
  colourContext ??= document.createElement('canvas').getContext('2d');
  if (!colourContext) return fallback;
  colourContext.fillStyle = fallback;
  colourContext.fillStyle = colour;
  const normalised = String(colourContext.fillStyle);
  return /^#[0-9a-f]{6}$/i.test(normalised) ? normalised : fallback;
}

function SetNameField({ template, set, disabled, onRename }: { template: GateTemplate; set: GatedSet; disabled: boolean; onRename(name: string): void }) {
  const t = useT();
  const [text, setText] = useState(set.name);
  const [shown, setShown] = useState(set.name);
  if (shown !== set.name) {
    setShown(set.name);
    setText(set.name);
  }
  const problem = text.trim() === set.name ? null : setNameProblem(template, set.id, text);
  const commit = () => {
    if (problem === null && text.trim() !== set.name) onRename(text);
    else if (problem !== null) setText(set.name);
  };
  return (
    <>
      <input
        type="text"
        className={`cc-text-input cc-set-name-input${problem ? ' cc-input-invalid' : ''}`}
        value={text}
        maxLength={200}
        disabled={disabled}
        aria-label={t('gating.setNameOf', { set: set.name })}
        aria-invalid={problem !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && text !== set.name) {
            e.preventDefault();
            e.stopPropagation();
            setText(set.name);
          }
        }}
        data-testid="set-name-input"
      />
      {problem && <span className="cc-field-error">{t(`gating.setNameProblem.${problem}`)}</span>}
    </>
  );
}

export function SetsEditor({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const draft = useGatingStore((s) => s.draft);
  const counts = useGatingStore((s) => s.counts);
  const current = useGatingStore((s) => s.countsRevision === s.draftRevision);
  const renameSet = useGatingStore((s) => s.renameSet);
  const setGroup = useGatingStore((s) => s.setGroup);
  const setColour = useGatingStore((s) => s.setColour);
  if (!draft) return null;
  if (draft.sets.length === 0) return <p className="cc-muted">{t('gating.noSets')}</p>;
  const bySet = new Map((counts?.sets ?? []).map((c) => [c.setId, c]));
  const words = { and: t('gating.expr.and'), or: t('gating.expr.or'), not: t('gating.expr.not'), all: t('gating.expr.all'), none: t('gating.expr.none') };
  const gateName = (id: string) => draft.gates.find((g) => g.id === id)?.name ?? id;
  const setName = (id: string) => draft.sets.find((s) => s.id === id)?.name ?? id;

  return (
    <table className="cc-table cc-panel-table cc-gating-sets" data-testid="gating-sets" aria-busy={!current}>
      <thead>
        <tr>
          <th scope="col">
            <span className="cc-visually-hidden">{t('gating.colour')}</span>
          </th>
          <th scope="col">{t('sets.name')}</th>
          <th scope="col">{t('gating.group')}</th>
          <th scope="col" className="cc-num">
            {t('sets.events')}
          </th>
          <th scope="col" className="cc-num">
            %
          </th>
        </tr>
      </thead>
      <tbody>
        {draft.sets.map((s) => {
          const c = bySet.get(s.id);
          return (
            <tr key={s.id} data-testid="gating-set-row" data-set={s.name} data-group={s.group ?? ''}>
              <td>
                <input
                  type="color"
                  className="cc-colour-input"
                  value={colourInputValue(s.colour)}
                  disabled={readOnly}
                  aria-label={t('gating.colourOf', { set: s.name })}
                  onChange={(e) => setColour(s.id, e.target.value)}
                />
              </td>
              <td>
                <SetNameField key={s.id} template={draft} set={s} disabled={readOnly} onRename={(name) => renameSet(s.id, name)} />
                {s.expression.op !== 'gate' && <div className="cc-muted cc-set-expression">{expressionText(s.expression, gateName, setName, words)}</div>}
              </td>
              <td>
                <GroupPicker setName={s.name} value={s.group} disabled={readOnly} onChange={(group) => setGroup(s.id, group)} />
              </td>
              <td className="cc-num" data-testid="gating-set-events">
                {c ? formatCount(c.events) : '…'}
              </td>
              <td className="cc-num" data-testid="gating-set-percent">
                {c ? formatPercent(c.percent) : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
