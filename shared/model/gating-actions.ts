/**
 * Gating decisions as named actions, planned purely like flags (change-event.ts): saving a template version,
 * applying a template to samples, overriding one gate for one sample, choosing how a volume is found, confirming
 * a set against a smart-trigger rule. The library appends the events and then recomputes the abundances they
 * affect; an approval whose abundances changed goes stale through planApprovalCheck.
 */
import { CurationError } from '../api/errors.js';
import type { Gate, GateTemplate } from '../gating/gate.js';
import type {
  ActionContext,
  ChangeEvent,
  GateOverrideValue,
  StateLookup,
  Target,
  TargetState,
  TargetValue,
  TemplateAssignmentValue,
  TemplateValue,
  TriggerConfirmationValue,
  VolumeMethodValue,
  VolumeValue,
} from './change-event.js';
import { sameValue, targetKey } from './change-event.js';

function event(ctx: ActionContext, action: ChangeEvent['action'], target: Target, before: TargetState, after: TargetValue, reason: string | null): ChangeEvent {
  return { id: ctx.newId(), changeset: ctx.changeset, actor: ctx.actor, device: ctx.device, action, target, baseRevision: before.revision, before: before.value, after, reason, at: ctx.at, undoes: null };
}

export function templateTarget(templateId: string): Target {
  return { sampleId: null, kind: 'template', templateId };
}

/** Problems that make a template unusable, as plain words naming the gate or set (empty when it is sound). */
export function templateProblems(template: GateTemplate): string[] {
  const problems: string[] = [];
  const gateIds = new Set<string>();
  for (const g of template.gates) {
    if (gateIds.has(g.id)) problems.push(`two gates have id ${JSON.stringify(g.id)}`);
    gateIds.add(g.id);
  }
  const setIds = new Set<string>();
  const setNames = new Set<string>();
  for (const s of template.sets) {
    if (setIds.has(s.id)) problems.push(`two sets have id ${JSON.stringify(s.id)}`);
    if (setNames.has(s.name.toLowerCase())) problems.push(`two sets are named ${JSON.stringify(s.name)}`);
    setIds.add(s.id);
    setNames.add(s.name.toLowerCase());
  }
  const refs = (e: GateTemplate['sets'][number]['expression'], owner: string): void => {
    if (e.op === 'gate' && !gateIds.has(e.gateId)) problems.push(`set ${JSON.stringify(owner)} refers to gate ${JSON.stringify(e.gateId)}, which the template does not have`);
    else if (e.op === 'set' && !setIds.has(e.setId)) problems.push(`set ${JSON.stringify(owner)} refers to set ${JSON.stringify(e.setId)}, which the template does not have`);
    else if (e.op === 'not') refs(e.operand, owner);
    else if (e.op === 'and' || e.op === 'or') e.operands.forEach((o) => refs(o, owner));
  };
  for (const s of template.sets) refs(s.expression, s.name);
  return problems;
}

/**
 * A new version of a template (or its first). `baseVersion` is the version the author edited: when someone saved
 * another version since, the save is refused rather than silently replacing their gates.
 */
export function planSaveTemplate(lookup: StateLookup, template: GateTemplate, baseVersion: number | null, reason: string | null, ctx: ActionContext): ChangeEvent[] {
  const problems = templateProblems(template);
  if (problems.length) throw new CurationError({ code: 'invalid-request', field: 'template', message: problems.join('; ') });
  const target = templateTarget(template.id);
  const before = lookup(targetKey(target));
  if (baseVersion !== null && baseVersion !== before.revision) {
    throw new CurationError({
      code: 'conflict',
      field: 'baseVersion',
      message: `gate template ${JSON.stringify(template.name)} is at version ${before.revision}; this edit was made on version ${baseVersion} (reload it and apply the change again)`,
    });
  }
  if (baseVersion === null && before.revision > 0) {
    throw new CurationError({ code: 'conflict', field: 'template', message: `a gate template with id ${JSON.stringify(template.id)} already exists` });
  }
  const previous = before.value as TemplateValue | null;
  const after: TemplateValue = { template: { ...template, version: before.revision + 1 } };
  if (previous && sameValue({ ...previous.template, version: 0 }, { ...template, version: 0 })) return [];
  return [event(ctx, 'save-template', target, before, after, reason)];
}

export function planApplyTemplate(lookup: StateLookup, sampleIds: readonly string[], templateId: string, ctx: ActionContext): ChangeEvent[] {
  if (lookup(targetKey(templateTarget(templateId))).revision === 0) {
    throw new CurationError({ code: 'not-found', field: 'templateId', message: `no gate template ${JSON.stringify(templateId)}` });
  }
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(sampleIds)) {
    const target: Target = { sampleId, kind: 'template-assignment' };
    const before = lookup(targetKey(target));
    const after: TemplateAssignmentValue = { templateId };
    if (sameValue(before.value, after)) continue;
    events.push(event(ctx, 'apply-template', target, before, after, null));
  }
  return events;
}

/** Replace (or, with null, stop replacing) one gate of the sample's template for that sample only. */
export function planOverrideGate(lookup: StateLookup, sampleId: string, gateId: string, gate: Gate | null, reason: string | null, ctx: ActionContext): ChangeEvent[] {
  const assignment = lookup(targetKey({ sampleId, kind: 'template-assignment' })).value as TemplateAssignmentValue | null;
  if (!assignment) throw new CurationError({ code: 'invalid-request', field: 'sampleId', message: `sample ${sampleId} has no gate template to override` });
  const template = (lookup(targetKey(templateTarget(assignment.templateId))).value as TemplateValue | null)?.template;
  const original = template?.gates.find((g) => g.id === gateId);
  if (!original) throw new CurationError({ code: 'not-found', field: 'gateId', message: `gate template ${assignment.templateId} has no gate ${JSON.stringify(gateId)}` });
  if (gate && gate.id !== gateId) throw new CurationError({ code: 'invalid-request', field: 'gate', message: `the override of gate ${gateId} must keep its id (got ${gate.id})` });
  if (gate && gate.type !== original.type) {
    throw new CurationError({ code: 'invalid-request', field: 'gate', message: `gate ${JSON.stringify(original.name)} is a ${original.type} gate; an override cannot make it a ${gate.type}` });
  }
  const target: Target = { sampleId, kind: 'gate-override', group: gateId, templateId: assignment.templateId };
  const before = lookup(targetKey(target));
  const after: GateOverrideValue | null = gate ? { gate } : null;
  if (sameValue(before.value, after)) return [];
  return [event(ctx, 'override-gate', target, before, after, reason)];
}

export function planSetVolume(lookup: StateLookup, sampleIds: readonly string[], volume: VolumeMethodValue, reason: string | null, ctx: ActionContext): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(sampleIds)) {
    const target: Target = { sampleId, kind: 'volume' };
    const before = lookup(targetKey(target));
    const after: VolumeValue = { volume };
    if (sameValue(before.value, after)) continue;
    events.push(event(ctx, 'set-volume', target, before, after, reason));
  }
  return events;
}

export function planConfirmTrigger(lookup: StateLookup, sampleId: string, set: string, confirmed: boolean, reason: string | null, ctx: ActionContext): ChangeEvent[] {
  const target: Target = { sampleId, kind: 'trigger-confirmation', group: set };
  const before = lookup(targetKey(target));
  const after: TriggerConfirmationValue | null = confirmed ? { confirmed: true } : null;
  if (sameValue(before.value, after)) return [];
  return [event(ctx, 'confirm-trigger', target, before, after, reason)];
}

/** The template as it applies to one sample: each overridden gate replaced by the sample's own. */
export function effectiveTemplate(template: GateTemplate, overrides: ReadonlyMap<string, Gate>): GateTemplate {
  if (overrides.size === 0) return template;
  return { ...template, gates: template.gates.map((g) => overrides.get(g.id) ?? g) };
}
