const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * Parses a Kubernetes resource quantity (`8`, `500m`, `81559Mi`, `1.5Gi`,
 * `192G`, `1e3`) into a plain number. Returns undefined for anything that is
 * not a quantity, so a malformed value never becomes a silent zero.
 *
 * @public
 */
export function parseQuantity(
  value: string | number | undefined,
): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ''] = match;
  const base = Number(digits);
  if (!Number.isFinite(base)) return undefined;
  if (exponent) return base * 10 ** Number(exponent.slice(1));
  const factor = BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix];
  return base * factor;
}

/**
 * A count-like extended resource quantity (`"8"`) as a whole number; `0` for
 * absent or malformed values, because an unreadable count cannot be used.
 *
 * @public
 */
export function parseCount(value: string | number | undefined): number {
  const n = parseQuantity(value);
  if (n === undefined || n < 0) return 0;
  return Math.floor(n);
}

/**
 * A memory quantity in MiB, rounded to the nearest MiB: `81559Mi` → 81559,
 * `85520809984` (bytes) → 81559.
 *
 * @public
 */
export function quantityToMiB(
  value: string | number | undefined,
): number | undefined {
  const bytes = parseQuantity(value);
  if (bytes === undefined || bytes < 0) return undefined;
  return Math.round(bytes / 2 ** 20);
}

/**
 * Memory written the way vendor labellers write it: `192G` or `80GB` means
 * GiB (the AMD labeller's `amd.com/gpu.vram`), `40448` without a unit means
 * MiB (NVIDIA GFD's `gpu.memory`), and `Mi`/`Gi` keep their meaning.
 *
 * @public
 */
export function parseLabelMemoryMiB(
  value: string | undefined,
): number | undefined {
  if (!value) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|K|M|G|T|KB|MB|GB|TB)?$/i.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = (match[2] ?? 'M').toUpperCase().replace(/I?B?$/, '');
  const perMiB: Record<string, number> = {
    K: 1 / 1024,
    M: 1,
    G: 1024,
    T: 1024 * 1024,
  };
  return Math.round(n * perMiB[unit]);
}

/**
 * Memory in GiB for display: whole numbers stay whole, others keep one decimal.
 *
 * @public
 */
export function formatGiB(memoryMiB: number): string {
  const gib = memoryMiB / 1024;
  const rounded = Math.round(gib * 10) / 10;
  return `${
    Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)
  } GiB`;
}
