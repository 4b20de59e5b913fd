/** The colour family of an L20 flag chip: 1 good (green), 2 probably good (light green), 3 orange, 4 red, others grey. */
export type FlagTone = 'good' | 'probably-good' | 'probably-bad' | 'bad' | 'other';

export function flagTone(code: string | null | undefined): FlagTone {
  switch (code) {
    case '1':
      return 'good';
    case '2':
      return 'probably-good';
    case '3':
      return 'probably-bad';
    case '4':
      return 'bad';
    default:
      return 'other';
  }
}
