/** Gating-ML 2.0 namespaces and the CytoCurator custom-info element names shared by the writer and the reader. */
export const GATING_NS = 'http://www.isac-net.org/std/Gating-ML/v2.0/gating';
export const TRANSFORMS_NS = 'http://www.isac-net.org/std/Gating-ML/v2.0/transformations';
export const DATA_TYPE_NS = 'http://www.isac-net.org/std/Gating-ML/v2.0/datatypes';

/** Element inside `data-type:custom_info` that holds what Gating-ML has no place for (names, sets, template). */
export const CUSTOM_ELEMENT = 'cytocurator';
