import type { CSSProperties } from 'react';

export type SwatchShape = 'fill' | 'outline' | 'thin-outline' | 'hatch' | 'circle';

export interface SwatchProps {
  shape: SwatchShape;
  colour: string;
  /** Border colour for fills and circles. */
  stroke?: string;
}

/** A small legend symbol drawn in CSS; decorative, so hidden from assistive technology (the label carries the meaning). */
export function Swatch({ shape, colour, stroke }: SwatchProps) {
  const style = { '--swatch-colour': colour, '--swatch-stroke': stroke ?? colour } as CSSProperties;
  return <span className={`swatch swatch--${shape}`} style={style} aria-hidden="true" />;
}
