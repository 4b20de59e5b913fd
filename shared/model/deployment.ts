/**
 * A deployment: where and how an instrument measured — a fixed station or a ship — and the zone of the
 * instrument's clock. Samples get their UTC time and their position from it (or from a ship's GPS track).
 */
export interface DeploymentRule {
  /** Files imported from under this folder belong to the deployment. */
  folder: string | null;
  /** Instrument serial (from the Info file or FCS $CYTSN). */
  serial: string | null;
  /** Time range, UTC ISO (inclusive start, exclusive end). */
  from: string | null;
  to: string | null;
}

export interface Deployment {
  id: number;
  name: string;
  instrument: string | null;
  instrumentSerial: string | null;
  station: string | null;
  ship: string | null;
  latitude: number | null;
  longitude: number | null;
  samplingDepthMetres: number | null;
  bottomDepthMetres: number | null;
  /** IANA zone or fixed offset of the instrument clock; null = unknown (times are then assumed UTC). */
  timeZone: string | null;
  somlitSiteId: string | null;
  rule: DeploymentRule;
}

export interface DeploymentCandidate {
  sourcePath: string;
  serial: string | null;
  /** Measurement start in UTC when known from an explicit offset, else the source time read as UTC. */
  startedAtUtc: string | null;
}

/** True when every part the rule sets matches; a rule with no part set matches nothing (assign by hand). */
export function deploymentRuleMatches(rule: DeploymentRule, c: DeploymentCandidate): boolean {
  const parts = [rule.folder, rule.serial, rule.from, rule.to].filter((p) => p !== null);
  if (parts.length === 0) return false;
  if (rule.folder !== null) {
    const folder = rule.folder.replace(/[\\/]+$/, '');
    const path = c.sourcePath.replace(/\\/g, '/');
    const prefix = folder.replace(/\\/g, '/');
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return false;
  }
  if (rule.serial !== null && (c.serial === null || c.serial.trim().toLowerCase() !== rule.serial.trim().toLowerCase())) return false;
  if (rule.from !== null && (c.startedAtUtc === null || c.startedAtUtc < rule.from)) return false;
  if (rule.to !== null && (c.startedAtUtc === null || c.startedAtUtc >= rule.to)) return false;
  return true;
}
