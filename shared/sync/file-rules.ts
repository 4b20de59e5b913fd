/**
 * When files may travel. Images are small and go at once; source exports (listmode, pulses) can be large and are
 * deferred by rule until the workstation is on the institute network, e.g.
 * `{"deferRoles": ["listmode", "pulses"], "unlessHostMatches": "institute.example"}`. A deferred file waits in
 * its queue; change events and other files are never held back by it.
 */
import { z } from 'zod';

export const fileRulesSchema = z
  .object({
    /** File roles (listmode, pulses, image, fcs, other, …) that wait for the institute network. */
    deferRoles: z.array(z.string().min(1).max(40)).max(50),
    /** A domain: the network counts as the institute's when this host name or a DNS search domain ends with it. */
    unlessHostMatches: z.string().min(1).max(253).optional(),
    /** An IPv4 network (CIDR, e.g. "10.12.0.0/16"): the institute's when one of this machine's addresses lies in it. */
    unlessNetwork: z.string().min(9).max(18).optional(),
  })
  .strict();
export type FileRules = z.infer<typeof fileRulesSchema>;

/** Where the workstation is now: its host name, DNS search domains and IPv4 addresses. */
export interface NetworkView {
  hostnames: readonly string[];
  addresses: readonly string[];
}

/** Parses stored rules; a broken rule is reported in plain words and defers nothing (it must not stop sync). */
export function parseFileRules(text: string | null): { rules: FileRules | null; problem: string | null } {
  if (text === null || text.trim() === '') return { rules: null, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { rules: null, problem: 'the file deferral rule is not valid JSON; no file is deferred' };
  }
  const parsed = fileRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { rules: null, problem: `the file deferral rule is invalid (${first ? `${first.path.join('.') || 'rule'}: ${first.message}` : 'unknown'}); no file is deferred` };
  }
  const cidr = parsed.data.unlessNetwork;
  if (cidr !== undefined && parseCidr(cidr) === null) return { rules: null, problem: `the file deferral rule names an invalid network "${cidr}"; no file is deferred` };
  return { rules: parsed.data, problem: null };
}

function hostMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/^\./, '').replace(/\.$/, '');
  return h === d || h.endsWith(`.${d}`);
}

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function parseCidr(text: string): { base: number; bits: number } | null {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const base = parseIpv4(m[1] as string);
  const bits = Number(m[2]);
  if (base === null || bits > 32) return null;
  return { base, bits };
}

function inNetwork(address: string, cidr: { base: number; bits: number }): boolean {
  const a = parseIpv4(address);
  if (a === null) return false;
  const size = 2 ** (32 - cidr.bits);
  return Math.floor(a / size) === Math.floor(cidr.base / size);
}

/** True when the workstation is on the network the rule names (so nothing is deferred). */
export function onInstituteNetwork(rules: FileRules, network: NetworkView): boolean {
  if (rules.unlessHostMatches !== undefined && network.hostnames.some((h) => hostMatches(h, rules.unlessHostMatches as string))) return true;
  const cidr = rules.unlessNetwork === undefined ? null : parseCidr(rules.unlessNetwork);
  if (cidr && network.addresses.some((a) => inNetwork(a, cidr))) return true;
  return false;
}

/** Why a file of this role waits, in plain words, or null when it may go now. */
export function deferralReason(role: string, rules: FileRules | null, network: NetworkView): string | null {
  if (!rules || !rules.deferRoles.includes(role)) return null;
  if (onInstituteNetwork(rules, network)) return null;
  const where = [rules.unlessHostMatches && `the ${rules.unlessHostMatches} network`, rules.unlessNetwork && `network ${rules.unlessNetwork}`].filter(Boolean).join(' or ');
  return where ? `${role} files wait for ${where}` : `${role} files are deferred by rule`;
}
