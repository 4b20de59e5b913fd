/**
 * The gating part of the contract: request schemas for gates, templates, overrides and volumes, and the response
 * types. Kept beside contract.ts (which lists the operations) so that file stays readable.
 */
import { z } from 'zod';
import type { Gate, GateTemplate } from '../gating/gate.js';
import type { VolumeMethodValue } from '../model/change-event.js';

const finite = z.number().finite();
const id = z.string().min(1).max(128);
const name = z.string().trim().min(1).max(200);

export const gateAxisTransformSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('linear'), T: finite, A: finite }).strict(),
  z.object({ type: z.literal('log'), T: finite, M: finite }).strict(),
  z.object({ type: z.literal('arcsinh'), T: finite, M: finite, A: finite }).strict(),
  z.object({ type: z.literal('logicle'), T: finite, W: finite, M: finite, A: finite }).strict(),
  z.object({ type: z.literal('hyperlog'), T: finite, W: finite, M: finite, A: finite }).strict(),
]);
export const gateAxisSchema = z
  .object({
    parameter: z.discriminatedUnion('type', [
      z.object({ type: z.literal('single'), column: z.string().min(1).max(200) }).strict(),
      z.object({ type: z.literal('ratio'), numerator: z.string().min(1).max(200), denominator: z.string().min(1).max(200) }).strict(),
    ]),
    transform: gateAxisTransformSchema,
  })
  .strict();

const bound = finite.nullable();
const point = z.object({ x: finite, y: finite }).strict();
export const gateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rectangle'), id, name, x: gateAxisSchema, y: gateAxisSchema, xMin: bound, xMax: bound, yMin: bound, yMax: bound }).strict(),
  z.object({ type: z.literal('polygon'), id, name, x: gateAxisSchema, y: gateAxisSchema, vertices: z.array(point).min(3).max(1000) }).strict(),
  z.object({ type: z.literal('range'), id, name, axis: gateAxisSchema, min: bound, max: bound }).strict(),
  z
    .object({
      type: z.literal('ellipse'),
      id,
      name,
      x: gateAxisSchema,
      y: gateAxisSchema,
      mean: point,
      covariance: z.tuple([z.tuple([finite, finite]), z.tuple([finite, finite])]),
      distanceSquare: finite.positive(),
    })
    .strict(),
]);

type Expr = { op: 'gate'; gateId: string } | { op: 'set'; setId: string } | { op: 'and' | 'or'; operands: Expr[] } | { op: 'not'; operand: Expr };
export const setExpressionSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ op: z.literal('gate'), gateId: id }).strict(),
    z.object({ op: z.literal('set'), setId: id }).strict(),
    z.object({ op: z.enum(['and', 'or']), operands: z.array(setExpressionSchema).max(100) }).strict(),
    z.object({ op: z.literal('not'), operand: setExpressionSchema }).strict(),
  ]),
);

export const gateTemplateSchema = z
  .object({
    id: z.string().max(128),
    name,
    version: z.number().int().min(0),
    gates: z.array(gateSchema).max(500),
    sets: z
      .array(
        z
          .object({
            id,
            name,
            expression: setExpressionSchema,
            group: z.string().max(200).nullable(),
            colour: z.string().max(32).nullable(),
          })
          .strict(),
      )
      .max(500),
    exclusive: z.boolean(),
  })
  .strict();

/**
 * How a sample is counted: where its analysed volume comes from (benchtop FCS chooses; CytoSense uses the
 * instrument's), its dilution, and for FCS whether the file's $SPILLOVER/SPILL compensation is applied (default yes).
 */
export const volumeMethodSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('instrument'), dilutionFactor: finite.min(1).default(1) }).strict(),
  z.object({ method: z.literal('fcs-vol'), dilutionFactor: finite.min(1).default(1), compensate: z.boolean().default(true) }).strict(),
  z
    .object({
      method: z.literal('flow-rate'),
      flowRate_uL_per_min: finite.positive(),
      acquisitionSeconds: finite.positive().nullable().default(null),
      dilutionFactor: finite.min(1).default(1),
      compensate: z.boolean().default(true),
    })
    .strict(),
  z
    .object({ method: z.literal('beads'), beadSet: name, beadConcentration_per_mL: finite.positive(), dilutionFactor: finite.min(1).default(1), compensate: z.boolean().default(true) })
    .strict(),
]);
export type VolumeMethod = z.output<typeof volumeMethodSchema>;

export interface TemplateSummary {
  id: string;
  name: string;
  version: number;
  sets: { id: string; name: string; group: string | null }[];
  updatedAt: string;
  updatedBy: string | null;
  /** Samples this template is applied to. */
  samples: number;
}

export interface TemplateVersionInfo {
  version: number;
  at: string;
  actor: string;
  actorName: string | null;
  reason: string | null;
  changeset: string;
}

export interface GateOverrideInfo {
  gateId: string;
  /** Revision of this sample's override of this gate (1 for the first). */
  version: number;
  gate: Gate | null;
  at: string;
  actorName: string | null;
}

/** One group's abundance in one sample, as stored (a projection recomputed whenever its inputs change). */
export interface AbundanceRecord {
  sample: string;
  set: string;
  /** Standard group name (vocabulary), when the set has one. */
  group: string | null;
  events: number;
  /** Cells per millilitre; null with a note when it cannot be given (partial sample, unknown volume). */
  abundance_per_mL: number | null;
  template: string;
  templateVersion: number;
  /** Revision per overridden gate of this sample, so an abundance names exactly what produced it. */
  overrides: Record<string, number>;
  volume_uL: number | null;
  volumeMethod: string | null;
  dilutionFactor: number;
  /** Mean of each parameter over the set's events, raw. */
  means: Record<string, number>;
  /** Means divided by the bead set's means, when the sample has a bead set. */
  normalisedMeans: Record<string, number> | null;
  /** Default L20 flag (3 for a smart-triggered sample until a curator confirms the set lies inside the rule). */
  flag: string | null;
  note: string | null;
}

export interface GateCounts {
  events: number;
  gates: { gateId: string; events: number; percent: number }[];
  sets: { setId: string; name: string; events: number; percent: number }[];
}

export interface SampleGating {
  /** Template applied to the sample, null when none. */
  template: TemplateSummary | null;
  /** The template as it applies to this sample: its overrides substituted. */
  effective: GateTemplate | null;
  overrides: GateOverrideInfo[];
  abundances: AbundanceRecord[];
  volume: { method: VolumeMethodValue | null; volume_uL: number | null; reason: string | null };
  smartTrigger: { rule: string; confirmedSets: string[] } | null;
}

export interface GroupVocabularyEntryInfo {
  name: string;
  label: string;
  aliases: string[];
  p01: string | null;
  p02: string | null;
  p06: string | null;
  somlit: string | null;
  /** standard: an F02 name; unsure: maybe one, not confirmed; local: a local variant, not in F02. */
  nameStatus: 'standard' | 'unsure' | 'local';
  /** False until the codes were confirmed against NVS: shown as "unverified" wherever the name is used. */
  verified: boolean;
}
