import type { Map as MapLibreMap } from 'maplibre-gl';
import { zoneKindColours } from './palette';

/** Name of the image used by `fill-pattern` for intervention zones. */
export const HATCH_IMAGE = 'punte-hatch';

const SIZE = 16; // Pattern tile in device pixels; drawn at pixelRatio 2 so it is 8 CSS px.

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Returns the RGBA pixels of a diagonal hatch over a light tint. Built in code rather than loaded
 * from a sprite so the style needs no external URL; the diagonal wraps at the tile edge, so the
 * tiles join seamlessly.
 */
export function createHatchPixels(colour = zoneKindColours.intervention): Uint8Array {
  const [r, g, b] = hexToRgb(colour);
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const onStripe = (x + y) % SIZE < 3;
      const offset = (y * SIZE + x) * 4;
      pixels[offset] = r;
      pixels[offset + 1] = g;
      pixels[offset + 2] = b;
      pixels[offset + 3] = onStripe ? 190 : 36;
    }
  }
  return pixels;
}

/** Registers the hatch image on `map` unless it is already there. */
export function addHatchImage(map: MapLibreMap): void {
  if (map.hasImage(HATCH_IMAGE)) return;
  map.addImage(HATCH_IMAGE, { width: SIZE, height: SIZE, data: createHatchPixels() }, { pixelRatio: 2 });
}
