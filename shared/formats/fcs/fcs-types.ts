import type { FormatIssue } from '../format-issue.js';

export type FcsVersion = 'FCS2.0' | 'FCS3.0' | 'FCS3.1';

/** A byte range in the file: absolute offsets, `end` exclusive (FCS writes inclusive ends: end = FCS END + 1). */
export interface FcsByteRange {
  start: number;
  end: number;
}

/** The HEADER segment of one data set, offsets made absolute. */
export interface FcsHeader {
  version: FcsVersion;
  /** Byte offset of this HEADER in the file (0 for the first data set, later ones via $NEXTDATA). */
  offset: number;
  text: FcsByteRange;
  /** DATA as the HEADER gives it; null when the HEADER writes 0/0 (FCS 3.x files over 99,999,999 bytes). */
  data: FcsByteRange | null;
  analysis: FcsByteRange | null;
  issues: FormatIssue[];
}

/** `$PnE` = f1,f2 when f1 > 0: stored x → f2 · 10^(f1 · x / $PnR). FCS 2.0 writes f2 = 0, which means 1. */
export interface FcsAmplification {
  decades: number;
  /** As written (0 is common in FCS 2.0 and means 1 when scaling). */
  offset: number;
}

export interface FcsParameter {
  /** 1-based n of the $Pn… keywords: parameters are keyed by index, since names can repeat. */
  index: number;
  /** $PnN (short name; `P<n>` when missing). */
  name: string;
  /** $PnS (stain / long name), null when absent or empty. */
  label: string | null;
  /** $PnR, null when absent or not a number. For integers it gives the bit mask; meaningless for floats. */
  range: number | null;
  /** Bits per stored value: $PnB for integers, 32 for F, 64 for D. */
  bits: number;
  /** Log amplification from $PnE; null for linear (0,0) or when $PnE is absent or unreadable. */
  amplification: FcsAmplification | null;
  /** $PnG (linear values are divided by it); null when absent. */
  gain: number | null;
}

export interface FcsSpillover {
  /** Parameter names ($PnN) the matrix is about, in matrix order. */
  parameters: string[];
  /** Row-major n × n. */
  matrix: number[][];
}

/** Keywords later features need, read leniently: anything unreadable is null plus a FormatIssue. */
export interface FcsMetadata {
  /** $CYT (free text: some instruments add a software version or laser list). */
  cytometer: string | null;
  /** $CYTSN */
  cytometerSerial: string | null;
  /** $TOT as written (null when absent, e.g. in some FCS 2.0 files). */
  totalEvents: number | null;
  /** $VOL: the FCS 3.1 spec gives nanolitres. */
  volumeNanolitres: number | null;
  /** $TIMESTEP (seconds per unit of the time parameter). */
  timestep: number | null;
  /** Raw $DATE, $BTIM, $ETIM. */
  date: string | null;
  beginTime: string | null;
  endTime: string | null;
  /** Instrument-local date-time without zone, `YYYY-MM-DDThh:mm:ss[.sss]`; null when it cannot be read. */
  start: string | null;
  end: string | null;
  /** From $SPILLOVER, else SPILL, else $COMP (when it has the n,names,values form). */
  spillover: FcsSpillover | null;
  /** The keyword the spillover came from. */
  spilloverKeyword: string | null;
}

export type FcsDataType = 'I' | 'F' | 'D';

/**
 * One data set after HEADER and TEXT: everything except the event values. An importer reading a stream gets
 * this first, then reads `segments.data` and pushes it into createFcsDataDecoder.
 */
export interface FcsDataSetHead {
  version: FcsVersion;
  /** Byte offset of this data set's HEADER in the file. */
  offset: number;
  /** Keywords in their original case (look them up case-insensitively with fcsKeyword), values trimmed. */
  keywords: Record<string, string>;
  parameters: FcsParameter[];
  /** Events the DATA segment holds ($TOT, or derived from the DATA length when $TOT is absent). */
  events: number;
  metadata: FcsMetadata;
  dataType: FcsDataType | null;
  byteOrder: 'little' | 'big' | null;
  /** Bytes per event (sum of the parameters' widths); 0 when the layout cannot be read. */
  bytesPerEvent: number;
  segments: {
    text: FcsByteRange;
    /** The DATA bytes to decode (exactly events × bytesPerEvent); null when DATA cannot be located. */
    data: FcsByteRange | null;
    /** Supplementary TEXT ($BEGINSTEXT/$ENDSTEXT; null when absent, outside the file or the TEXT itself): pass its bytes to readFcsDataSetHead to add its keywords. */
    supplementaryText: FcsByteRange | null;
    analysis: FcsByteRange | null;
  };
  /** Absolute offset of the next data set's HEADER ($NEXTDATA), null at the end of the chain. */
  nextDataSet: number | null;
  /** Why the DATA cannot be decoded (createFcsDataDecoder and readFcs throw it); null when it can. */
  dataError: string | null;
  issues: FormatIssue[];
}

/**
 * Stored values, one array per parameter: integers masked to $PnR bits, floats as written, no $PnE/$PnG scaling.
 * Float32Array holds F data and integers up to 24 bits exactly; D data and wider integers (a 31-bit time
 * counter, 32-bit ints with $PnR above 2^24) get a Float64Array so no stored value is rounded.
 */
export type FcsColumn = Float32Array | Float64Array;

export interface FcsDataSet extends FcsDataSetHead {
  columns: FcsColumn[];
  /** Mean of each parameter's stored values over all events (NaN when there are no events). */
  means: number[];
}

export interface FcsFile {
  /** Data sets in $NEXTDATA order (one for nearly every file). */
  datasets: FcsDataSet[];
  /** Problems with the chain itself (a $NEXTDATA pointing nowhere, a later data set that cannot be read). */
  issues: FormatIssue[];
}
