/**
 * A particle's pulse shape (getPulseShape): one line per channel in SVG, with a legend naming the channels. Says so
 * when no pulses were imported for the particle. Scales and paths come from pulse-shape-geometry.
 */
import { useMemo, useState } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import type { PulseChannel } from './pulse-shape-geometry.js';
import { pulseGeometry } from './pulse-shape-geometry.js';
import { useCurationCall } from './use-curation-call.js';

export interface PulseShapeProps {
  sampleId: string;
  particleId: number;
  width: number;
  height: number;
}

function formatMax(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function PulsePlot({ particleId, channels, width, height }: { particleId: number; channels: PulseChannel[]; width: number; height: number }) {
  const t = useT();
  const [normalise, setNormalise] = useState(false);
  const g = useMemo(() => pulseGeometry(channels, width, height, { normalise }), [channels, width, height, normalise]);
  const bottom = g.y.start + g.y.length;
  const right = g.x.start + g.x.length;
  return (
    <figure className="cc-pulse" data-testid="pulse-shape" data-channels={channels.length}>
      <svg
        className="cc-pulse-svg"
        width={width}
        height={height}
        role="img"
        aria-label={t('pulse.label', { id: String(particleId), channels: channels.map((c) => c.channel).join(', ') })}
      >
        <rect className="cc-pulse-bg" x={g.x.start} y={g.y.start} width={g.x.length} height={g.y.length} />
        {g.yTicks.map((tick) => (
          <g key={`y${tick.value}`}>
            <line className="cc-pulse-grid" x1={g.x.start} x2={right} y1={tick.py} y2={tick.py} />
            <text className="cc-plot-tick-label" x={g.x.start - 6} y={tick.py} dy="0.32em" textAnchor="end">
              {tick.label}
            </text>
          </g>
        ))}
        {g.xTicks.map((tick) => (
          <g key={`x${tick.value}`}>
            <line className="cc-plot-tick" x1={tick.px} x2={tick.px} y1={bottom} y2={bottom + 4} />
            <text className="cc-plot-tick-label" x={tick.px} y={bottom + 15} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        <rect className="cc-plot-frame" x={g.x.start} y={g.y.start} width={g.x.length} height={g.y.length} />
        {g.lines.map((line) => (
          <path key={line.channel} className="cc-pulse-line" d={line.path} stroke={line.colour} data-channel={line.channel} />
        ))}
        <text className="cc-plot-axis-title" x={g.x.start + g.x.length / 2} y={height - 4} textAnchor="middle">
          {t('pulse.position')}
        </text>
        <text className="cc-plot-axis-title" transform={`translate(12 ${g.y.start + g.y.length / 2}) rotate(-90)`} textAnchor="middle">
          {normalise ? t('pulse.signalNormalised') : t('pulse.signal')}
        </text>
      </svg>
      <figcaption className="cc-pulse-caption">
        <ul className="cc-pulse-legend" data-testid="pulse-legend">
          {g.lines.map((line) => (
            <li key={line.channel} className="cc-pulse-legend-item">
              <span className="cc-pulse-swatch" style={{ background: line.colour }} aria-hidden="true" />
              {normalise ? t('pulse.channelMax', { channel: line.channel, max: formatMax(line.max) }) : line.channel}
            </li>
          ))}
        </ul>
        <label className="cc-pulse-normalise">
          <input type="checkbox" checked={normalise} onChange={(e) => setNormalise(e.target.checked)} />
          {t('pulse.normalise')}
        </label>
      </figcaption>
    </figure>
  );
}

export function PulseShape({ sampleId, particleId, width, height }: PulseShapeProps) {
  const t = useT();
  const call = useCurationCall(`${sampleId}\u0000${particleId}`, () => window.curation.getPulseShape({ sampleId, particleId }));
  if (call.status === 'error') {
    return (
      <div className="cc-plot-error" role="alert" data-testid="pulse-error">
        {t('pulse.error', { error: formatError(call.error) })}
      </div>
    );
  }
  if (call.status !== 'ok') {
    return (
      <div className="cc-plot-status" style={{ height }} aria-busy="true">
        {t('pulse.loading')}
      </div>
    );
  }
  const shape = call.data.shape;
  if (!shape || shape.channels.length === 0) {
    return (
      <div className="cc-plot-status" style={{ height }} data-testid="pulse-none">
        {t('pulse.none')}
      </div>
    );
  }
  return <PulsePlot particleId={shape.particleId} channels={shape.channels} width={width} height={height} />;
}
