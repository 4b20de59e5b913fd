/**
 * Virtualised grid of particle thumbnails. Only the rows in view (plus a couple) are rendered; their metadata comes
 * in pages from listParticleImages and their bytes in batches of ≤ 100 from getParticleImages, kept in a cache.
 * Imaged particles without an image (`missing`) follow the images as "no image" tiles (strings from the i18n catalogues). Click selects a particle.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ParticleImageInfo } from '../../shared/api/contract.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import { gridColumns, itemsOfRows, pagesFor, visibleRows } from './gallery-layout.js';
import { ImageCache, loadImages } from './image-cache.js';
import './gallery.css';

export interface ImageGalleryProps {
  sampleId: string;
  /** Only these particles (e.g. those in a region drawn on a cytogram); undefined: all. */
  particleIds?: number[];
  selectedParticleId?: number | null;
  onSelect?: (particleId: number) => void;
  /** Height of the scrolling grid in CSS pixels. Default 360. */
  height?: number;
  /** Cropped images (default) or the full frames. */
  cropped?: boolean;
}

export const GALLERY_PAGE = 2000;

/** Arrow, Page and Home/End keys on a slider move the slider only, not the review keyboard (next sample, …). */
const SLIDER_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);
const keepSliderKeys = (e: { key: string; stopPropagation: () => void }) => {
  if (SLIDER_KEYS.has(e.key)) e.stopPropagation();
};
const GAP = 4;
const LOAD_DELAY_MS = 60;

interface Listing {
  key: string;
  total: number;
  missing: number[];
  pages: Map<number, ParticleImageInfo[]>;
}

/** A short key of a filter (its length and a hash of its ids), computed once per array. */
function filterKey(ids: readonly number[] | undefined): string {
  if (!ids) return 'all';
  let h = 2166136261;
  for (const id of ids) {
    h = Math.imul(h ^ (id & 0xffff), 16777619);
    h = Math.imul(h ^ (id >>> 16), 16777619);
  }
  return `${ids.length}:${(h >>> 0).toString(36)}`;
}

export function ImageGallery({ sampleId, particleIds, selectedParticleId = null, onSelect, height = 360, cropped = true }: ImageGalleryProps) {
  const t = useT();
  const [tileSize, setTileSize] = useState(96);
  const [brightness, setBrightness] = useState(100);
  const [contrast, setContrast] = useState(100);
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(0);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<CurationErrorData | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingPages = useRef(new Set<string>());

  const filter = useMemo(() => filterKey(particleIds), [particleIds]);
  const sourceKey = `${sampleId}\u0000${cropped ? 'c' : 'f'}`;
  const key = `${sourceKey}\u0000${filter}`;

  // The cache belongs to a sample (the bytes of a particle do not change with the filter)
  const cache = useMemo(() => new ImageCache(), [sourceKey]);
  const liveSource = useRef(sourceKey);
  useEffect(() => {
    liveSource.current = sourceKey;
  }, [sourceKey]);

  // Width of the grid, followed as the panel resizes
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // First page (total and missing ids) of each sample and filter; back to the top
  useEffect(() => {
    let live = true;
    setError(null);
    setScrollTop(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    if (particleIds && particleIds.length === 0) {
      setListing({ key, total: 0, missing: [], pages: new Map() });
      return;
    }
    window.curation
      .listParticleImages({ sampleId, offset: 0, limit: GALLERY_PAGE, cropped, ...(particleIds ? { particleIds } : {}) })
      .then(
        (page) => {
          if (live) setListing({ key, total: page.total, missing: page.missing, pages: new Map([[0, page.images]]) });
        },
        (err: unknown) => {
          if (live) setError(toErrorData(err));
        },
      );
    return () => {
      live = false;
    };
    // particleIds is represented by `key` (its hash)
  }, [key]);

  const current = listing && listing.key === key ? listing : null;
  const imageCount = current?.total ?? 0;
  const itemCount = imageCount + (current?.missing.length ?? 0);
  const columns = gridColumns(width, tileSize, GAP);
  const rowHeight = tileSize + GAP;
  const rowCount = Math.ceil(itemCount / columns);
  const rows = visibleRows(scrollTop, height, rowHeight, rowCount, 2);
  const [start, end] = itemsOfRows(rows, columns, itemCount);

  const infoAt = (index: number): ParticleImageInfo | undefined => current?.pages.get(Math.floor(index / GALLERY_PAGE))?.[index % GALLERY_PAGE];

  // Metadata pages and image bytes of the rows in view, shortly after scrolling settles
  useEffect(() => {
    if (!current) return;
    const timer = window.setTimeout(() => {
      for (const page of pagesFor(start, end, current.total, GALLERY_PAGE)) {
        const pageKey = `${current.key}\u0000${page}`;
        if (current.pages.has(page) || pendingPages.current.has(pageKey)) continue;
        pendingPages.current.add(pageKey);
        window.curation
          .listParticleImages({ sampleId, offset: page * GALLERY_PAGE, limit: GALLERY_PAGE, cropped, ...(particleIds ? { particleIds } : {}) })
          .then(
            (answer) => {
              pendingPages.current.delete(pageKey);
              setListing((l) => (l && l.key === current.key ? { ...l, pages: new Map(l.pages).set(page, answer.images) } : l));
            },
            (err: unknown) => {
              pendingPages.current.delete(pageKey);
              setError(toErrorData(err));
            },
          );
      }
      const ids: number[] = [];
      for (let i = start; i < Math.min(end, current.total); i++) {
        const info = infoAt(i);
        if (info) ids.push(info.particleId);
      }
      const source = sourceKey;
      loadImages(
        cache,
        ids,
        async (batch) => (await window.curation.getParticleImages({ sampleId, particleIds: batch, cropped })).images,
        bump,
        { isStale: () => liveSource.current !== source },
      ).catch((err: unknown) => setError(toErrorData(err)));
    }, LOAD_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [current, start, end]);

  const imageFilter = brightness === 100 && contrast === 100 ? undefined : `brightness(${brightness}%) contrast(${contrast}%)`;

  const tiles = [];
  for (let i = start; i < end; i++) {
    const row = Math.floor(i / columns);
    const col = i % columns;
    const style = { top: row * rowHeight, left: col * (tileSize + GAP), width: tileSize, height: tileSize };
    if (i >= imageCount) {
      const id = current?.missing[i - imageCount];
      if (id === undefined) continue;
      tiles.push(
        <button
          key={`m${id}`}
          type="button"
          className={`cc-gallery-tile cc-gallery-missing${id === selectedParticleId ? ' cc-gallery-selected' : ''}`}
          style={style}
          data-testid="gallery-missing-tile"
          data-particle-id={id}
          aria-pressed={id === selectedParticleId}
          aria-label={t('gallery.particleNoImage', { id: String(id) })}
          onClick={() => onSelect?.(id)}
        >
          <span className="cc-gallery-missing-text">{t('gallery.noImage')}</span>
          <span className="cc-gallery-id">{id}</span>
        </button>,
      );
      continue;
    }
    const info = infoAt(i);
    if (!info) {
      tiles.push(<div key={`p${i}`} className="cc-gallery-tile cc-gallery-placeholder" style={style} aria-hidden="true" />);
      continue;
    }
    const id = info.particleId;
    const url = cache.peek(id);
    tiles.push(
      <button
        key={`i${id}`}
        type="button"
        className={`cc-gallery-tile${id === selectedParticleId ? ' cc-gallery-selected' : ''}`}
        style={style}
        data-testid="gallery-tile"
        data-particle-id={id}
        aria-pressed={id === selectedParticleId}
        aria-label={t('gallery.particle', { id: String(id) })}
        title={info.width && info.height ? t('gallery.particleSize', { id: String(id), width: info.width, height: info.height }) : t('gallery.particle', { id: String(id) })}
        onClick={() => onSelect?.(id)}
      >
        {url ? (
          <img className="cc-gallery-img" src={url} alt="" draggable={false} style={imageFilter ? { filter: imageFilter } : undefined} />
        ) : url === null ? (
          <span className="cc-gallery-missing-text">{t('gallery.unreadable')}</span>
        ) : (
          <span className="cc-gallery-loading" aria-hidden="true" />
        )}
        <span className="cc-gallery-id">{id}</span>
      </button>,
    );
  }

  return (
    <section className="cc-gallery" data-testid="gallery" aria-label={t('gallery.label')}>
      <div className="cc-gallery-toolbar">
        <span className="cc-gallery-count" data-testid="gallery-count">
          {current
            ? [
                t.plural('gallery.images', current.total),
                ...(current.missing.length > 0 ? [`, ${t.plural('gallery.missing', current.missing.length)}`] : []),
                ...(particleIds ? [` ${t('gallery.inRegion')}`] : []),
              ].join('')
            : error
              ? ''
              : t('gallery.loading')}
        </span>
        <div className="cc-gallery-controls">
          <label className="cc-gallery-slider">
            {t('gallery.size')}
            <input type="range" onKeyDown={keepSliderKeys} min={48} max={256} step={8} value={tileSize} onChange={(e) => setTileSize(Number(e.target.value))} />
          </label>
          <label className="cc-gallery-slider">
            {t('gallery.brightness')}
            <input type="range" onKeyDown={keepSliderKeys} min={40} max={250} step={5} value={brightness} onChange={(e) => setBrightness(Number(e.target.value))} />
          </label>
          <label className="cc-gallery-slider">
            {t('gallery.contrast')}
            <input type="range" onKeyDown={keepSliderKeys} min={40} max={300} step={5} value={contrast} onChange={(e) => setContrast(Number(e.target.value))} />
          </label>
          <button
            type="button"
            className="cc-button cc-button-quiet"
            disabled={tileSize === 96 && brightness === 100 && contrast === 100}
            onClick={() => {
              setTileSize(96);
              setBrightness(100);
              setContrast(100);
            }}
          >
            {t('gallery.reset')}
          </button>
        </div>
      </div>
      {error && (
        <div className="cc-plot-error" role="alert">
          {t('gallery.error', { error: formatError(error) })}
        </div>
      )}
      <div ref={scrollRef} className="cc-gallery-scroll" style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {current && itemCount === 0 ? (
          <p className="cc-muted cc-gallery-empty">{particleIds ? t('gallery.noneInRegion') : t('gallery.none')}</p>
        ) : (
          <div className="cc-gallery-canvas" style={{ height: rowCount * rowHeight }}>
            {tiles}
          </div>
        )}
      </div>
    </section>
  );
}
