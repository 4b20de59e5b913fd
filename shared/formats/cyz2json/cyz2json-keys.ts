/**
 * Key names of cyz2json JSON and their aliases between converter versions and forks (formats-cytosense.md §13.6).
 * Keys are compared normalised — lower case, without "_" — so camelCase and snake_case spellings
 * (`pumpedVolume` / `pumped_volume`) and case slips (`SampleCorespeed` / `SampleCoreSpeed`) match by themselves;
 * the lists below only hold real renamings.
 */

const normalised = new Map<string, string>();

/** Also used on whole dotted paths (`instrument.measurementResults.pumped_volume`). Cached: keys repeat a lot. */
export function normaliseKey(key: string): string {
  let n = normalised.get(key);
  if (n === undefined) {
    n = key.toLowerCase().replace(/_/g, '');
    if (normalised.size < 100_000) normalised.set(key, n);
  }
  return n;
}

/** cyz2json runs CytoBuoy's variable-length parameter at a fixed 13 % of the maximum (CytoClus: user setting). */
export const CYZ2JSON_VARIABLE_LENGTH_PERCENT = 13;

export interface ParticleParameterKey {
  /** CytoClus listmode parameter name, the suffix of `<channel> <parameter>` columns (§6.3). */
  parameter: string;
  /** Per-particle values repeated in every channel (§13.2): become one `Sample Length` / `Arrival Time` column. */
  perParticle?: boolean;
}

/** JSON key (normalised) → listmode parameter. */
const PARAMETER_KEYS: Record<string, ParticleParameterKey> = {
  length: { parameter: 'Length' },
  total: { parameter: 'Total' },
  maximum: { parameter: 'Maximum' },
  average: { parameter: 'Average' },
  inertia: { parameter: 'Inertia' },
  centreofgravity: { parameter: 'Center of gravity' },
  centerofgravity: { parameter: 'Center of gravity' },
  fillfactor: { parameter: 'Fill factor' },
  asymmetry: { parameter: 'Asymmetry' },
  numberofcells: { parameter: 'Number of cells' },
  first: { parameter: 'First' },
  last: { parameter: 'Last' },
  minimum: { parameter: 'Minimum' },
  swscov: { parameter: 'SWS covariance' },
  swscovariance: { parameter: 'SWS covariance' },
  variablelength: { parameter: `Length(${CYZ2JSON_VARIABLE_LENGTH_PERCENT}%)` },
  samplelength: { parameter: 'Sample Length', perParticle: true },
  timeofarrival: { parameter: 'Arrival Time', perParticle: true },
  arrivaltime: { parameter: 'Arrival Time', perParticle: true },
};

const cache = new Map<string, ParticleParameterKey>();

/** Unknown keys (a newer converter's parameters) keep their JSON name as parameter name. */
export function particleParameterKey(jsonKey: string): ParticleParameterKey {
  let p = cache.get(jsonKey);
  if (p === undefined) {
    p = PARAMETER_KEYS[normaliseKey(jsonKey)] ?? { parameter: jsonKey };
    cache.set(jsonKey, p);
  }
  return p;
}

/** Keys (normalised) naming a particle's or image's particle ID, a parameter entry's channel, etc. */
export const PARTICLE_ID_KEYS = new Set(['particleid', 'id']);
export const HAS_IMAGE_KEYS = new Set(['hasimage']);
export const CHANNEL_KEYS = new Set(['description', 'channel', 'channelname', 'name']);
export const REGION_KEYS = new Set(['region', 'regions', 'sets']);
export const IMAGE_DATA_KEYS = new Set(['base64', 'data', 'image', 'jpeg']);
export const CROP_RECTANGLE_KEYS = new Set(['croprectangle', 'crop']);
export const PARAMETERS_KEYS = new Set(['parameters']);
export const PULSE_SHAPES_KEYS = new Set(['pulseshapes']);
export const PULSE_VALUES_KEYS = new Set(['values']);

/** Long string values kept in the metadata (everything else that long — base64 blobs — is skipped). */
export const KEPT_LONG_STRINGS = new Set(['iifsetdefintionxml', 'iifsetdefinitionxml', 'definition']);

const SETTINGS = 'instrument.measurementSettings.CytoSettings';
const MACHINE = `${SETTINGS}.CytoSettings`;
const LEAN = 'instrument.measurementSettings'; // --metadatagreedy false
const RESULTS = 'instrument.measurementResults';

/** Candidate paths, first found wins: greedy (default) metadata first, then the lean form. */
export const FIELD_PATHS = {
  instrumentName: ['instrument.name', `${MACHINE}.machineName`, `${MACHINE}.name`],
  serialNumber: ['instrument.serialNumber', 'instrument.serial', `${MACHINE}.SerialNumber`],
  sampleCoreSpeed: ['instrument.sampleCoreSpeed', `${MACHINE}.SampleCoreSpeed`],
  laserBeamWidth: ['instrument.laserBeamWidth', `${MACHINE}.LaserBeamWidth`],

  tabName: [`${SETTINGS}.TabName`, `${LEAN}.name`],
  triggerChannel: [`${SETTINGS}.TriggerChannel`, `${LEAN}.triggerChannel`],
  triggerLevel: [`${SETTINGS}.TriggerLevel1e`, `${LEAN}.triggerLevel`],
  smartTrigger: [`${SETTINGS}.SmartTriggeringEnabled`, `${LEAN}.smartTrigger`],
  smartTriggerDescription: [`${SETTINGS}.SmartTriggerSettingDescription`, `${LEAN}.smartTriggerDescription`],
  pmtLevels: [`${SETTINGS}.PMTlevels_str`, `${LEAN}.PMTlevels_str`],
  samplePumpSpeed: [`${SETTINGS}.SamplePompSpeed`, `${SETTINGS}.SamplePumpSpeed`, `${LEAN}.pumpSpeed`],
  maximumDuration: [`${SETTINGS}.StopafterTimertext`, `${LEAN}.duration`],
  takeImages: [`${SETTINGS}.IIFCheck`, `${LEAN}.takeImages`],
  setDefinitionXml: [`${SETTINGS}.IIFSetDefintionXml`, `${SETTINGS}.IIFSetDefinitionXml`],
  imageScaleMuPerPixel: [`${MACHINE}.iif.ImageScaleMuPerPixelP`, `${MACHINE}.ImagePixelSize`],

  start: [`${RESULTS}.start`],
  duration: [`${RESULTS}.duration`],
  maximumMeasurementTime: [`${RESULTS}.maximum_measurement_time_s`],
  particleCount: [`${RESULTS}.particleCount`],
  particlesInFileCount: [`${RESULTS}.particlesInFileCount`],
  pictureCount: [`${RESULTS}.pictureCount`],
  pumpedVolume: [`${RESULTS}.pumpedVolume`],
  analysedVolume: [`${RESULTS}.analysedVolume`, `${RESULTS}.analyzedVolume`],
  particleConcentration: [`${RESULTS}.particleConcentration`],
  systemTemperature: [`${RESULTS}.systemTemperature`],
  sheathTemperature: [`${RESULTS}.sheathTemperature`],
  pmtTemperature: [`${RESULTS}.PMTtemperature`],
  buoyTemperature: [`${RESULTS}.buoyTemperature`],
  laserTemperature: [`${RESULTS}.laserTemperature`],
  pressureAbsolute: [`${RESULTS}.pressureAbsolute`, `${RESULTS}.absolutePressure`],
  pressureDifferential: [`${RESULTS}.pressureDifferential`, `${RESULTS}.differentialPressure`],
  referenceVoltageRatio: [`${RESULTS}.referenceVoltageRatio`],
  intVoltage: [`${RESULTS}.intVoltage`],
  rechargeCurrent: [`${RESULTS}.rechargeCurrent`],

  setDefinitionFromSetInformation: ['set_information.definition'],
} as const;

/** Array element paths scanned for lists. */
export const LIST_PATTERNS = {
  instrumentChannel: /^instrument\.channels\[(\d+)\]\.(id|description)$/,
  settingsChannel: /^instrument\.measurementsettings\.cytosettings\.cytosettings\.channellist\[(\d+)\]\.description$/,
  setStatistics: /^setinformation\.statistics\[(\d+)\]\.(name|count|images|imagedvolume)$/,
};
