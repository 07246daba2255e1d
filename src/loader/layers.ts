/**
 * The speed layers, each of which `bench/layers.mjs` measures against the same build without it
 * (an interleaved A/B). `AMBIX_BENCH_LAYERS_OFF` (a comma-separated list of names) turns layers
 * off for that benchmark; results never depend on it, only the time they take.
 */
export type SpeedLayer = 'header-cache' | 'transpile-cache' | 'module-pack' | 'plain-exports';

const off = new Set((process.env.AMBIX_BENCH_LAYERS_OFF ?? '').split(','));

export function layerOn(layer: SpeedLayer): boolean {
  return !off.has(layer);
}
