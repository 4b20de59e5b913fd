/**
 * State of the time-series view: the groups of the filtered set, the chosen group, measure (count or
 * abundance) and y scale (remembered), the loaded series, and the brushed selection. Loads call the API given
 * at creation (tests pass a fake); an answer to an older request is dropped, so a quick change of group or
 * filter never shows the wrong series.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { z } from 'zod';
import type { CurationApi, TimeSeriesPoint } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { SampleQuery } from '../review/sample-filter.js';
import type { YScaleKind } from './scales.js';
import type { Measure } from './series-points.js';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
export const timeSeriesKey = 'cytocurator.time-series.v1';

export interface Group {
  name: string;
  samples: number;
}

export interface TimeSeriesState {
  groups: Group[] | null;
  group: string | null;
  measure: Measure;
  yScale: YScaleKind;
  points: TimeSeriesPoint[] | null;
  /** The series shown belongs to this group (points may lag the picker while loading). */
  pointsGroup: string | null;
  loading: boolean;
  error: CurationErrorData | null;
  selectedIds: string[];
  /** The brushed time range (ms) the selection came from, drawn as a band. */
  brush: [number, number] | null;

  loadGroups(query: SampleQuery): Promise<void>;
  loadSeries(query: SampleQuery): Promise<void>;
  setGroup(group: string): void;
  setMeasure(measure: Measure): void;
  setYScale(scale: YScaleKind): void;
  select(ids: string[], brush: [number, number] | null): void;
  clearSelection(): void;
}

export type TimeSeriesStore = StoreApi<TimeSeriesState>;

const stored = z.object({
  group: z.string().min(1).max(200).nullable(),
  measure: z.enum(['count', 'abundance']),
  yScale: z.enum(['linear', 'log']),
});
type Stored = z.infer<typeof stored>;
const defaults: Stored = { group: null, measure: 'count', yScale: 'linear' };

export function loadSettings(storage: Storage | null): Stored {
  try {
    const raw = storage?.getItem(timeSeriesKey);
    if (!raw) return defaults;
    const parsed = stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

export function createTimeSeriesStore(deps: { api: () => CurationApi; storage?: () => Storage | null }): TimeSeriesStore {
  const storage = deps.storage ?? (() => null);
  let groupsRequest = 0;
  let seriesRequest = 0;
  const initial = loadSettings(storage());

  return createStore<TimeSeriesState>()((set, get) => {
    const save = () => {
      const { group, measure, yScale } = get();
      try {
        storage()?.setItem(timeSeriesKey, JSON.stringify({ group, measure, yScale }));
      } catch {
        // not remembered
      }
    };

    return {
      groups: null,
      group: initial.group,
      measure: initial.measure,
      yScale: initial.yScale,
      points: null,
      pointsGroup: null,
      loading: false,
      error: null,
      selectedIds: [],
      brush: null,

      async loadGroups(query) {
        const request = ++groupsRequest;
        try {
          const { groups } = await deps.api().listGroups({ query });
          if (request !== groupsRequest) return;
          const group = get().group;
          // The chosen group while the filtered set has it; otherwise the first group there is.
          const next = group !== null && groups.some((g) => g.name === group) ? group : (groups[0]?.name ?? group);
          set({ groups, group: next, error: null });
          if (next !== group) save();
        } catch (err) {
          if (request === groupsRequest) set({ groups: [], error: toErrorData(err) });
        }
      },

      async loadSeries(query) {
        const group = get().group;
        const request = ++seriesRequest;
        if (!group) {
          set({ points: null, pointsGroup: null, loading: false, selectedIds: [], brush: null });
          return;
        }
        set({ loading: true });
        try {
          const series = await deps.api().getTimeSeries({ query, group });
          if (request !== seriesRequest) return;
          const present = new Set(series.points.map((p) => p.sampleId));
          const sameGroup = get().pointsGroup === group;
          const selectedIds = sameGroup ? get().selectedIds.filter((id) => present.has(id)) : [];
          set({
            points: series.points,
            pointsGroup: group,
            loading: false,
            error: null,
            selectedIds,
            brush: selectedIds.length ? get().brush : null,
          });
        } catch (err) {
          if (request === seriesRequest) set({ loading: false, error: toErrorData(err) });
        }
      },

      setGroup(group) {
        if (group === get().group) return;
        set({ group, selectedIds: [], brush: null });
        save();
      },
      setMeasure(measure) {
        set({ measure });
        save();
      },
      setYScale(yScale) {
        set({ yScale });
        save();
      },
      select(ids, brush) {
        set({ selectedIds: ids, brush: ids.length ? brush : null });
      },
      clearSelection() {
        set({ selectedIds: [], brush: null });
      },
    };
  });
}
