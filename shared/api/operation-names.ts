/**
 * The operation names alone, without the schemas: the preload and the browser-mode client build window.curation
 * from this list, and importing it does not pull zod into their bundles. contract.ts checks, at compile time and
 * in a test, that it lists exactly the contract's operations.
 */
export const operationNames = [
  'getStatus',
  'checkServer',
  'openLibrary',
  'dismissDemoOffer',
  'listSamples',
  'getSample',
  'importFiles',
  'browseFolder',
  'cancelJob',
  'countSelection',
  'flagSamples',
  'approveSamples',
  'markAttention',
  'commentSamples',
  'undoChangeset',
  'redoChangeset',
  'getAudit',
  'getDensity',
  'getHistogram',
  'listParticleImages',
  'getParticleImages',
  'particlesInRegion',
  'getParticleValues',
  'getPulseShape',
  'listGroups',
  'getTimeSeries',
  'getFlagSchemes',
  'setFlagMappings',
  'checkCytoclusSets',
  'listDeployments',
  'addDeployment',
  'assignDeployment',
] as const;

export type OperationNameList = (typeof operationNames)[number];
