import { GpuVendor } from '@ai-platform/plugin-ai-platform-common';

/**
 * Product names the way GPU Feature Discovery writes them (characters
 * outside `[A-Za-z0-9-_. ]` dropped, spaces to `-`), so the DRA attribute
 * `NVIDIA H100 80GB HBM3` and the label `NVIDIA-H100-80GB-HBM3` roll up as
 * one product.
 */
export function normalizeProductName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9\-_. ]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The parts of an NVIDIA `gpu.product` label: base product, MIG-single profile, shared suffix. */
export function parseNvidiaProductLabel(value: string): {
  product: string;
  migProfile?: string;
  shared: boolean;
} {
  let product = value.trim();
  const shared = /-SHARED$/.test(product);
  if (shared) product = product.replace(/-SHARED$/, '');
  const mig = /-MIG-(\d+g\.\d+gb[A-Za-z0-9.+-]*)$/.exec(product);
  if (mig) product = product.slice(0, mig.index);
  return { product, migProfile: mig?.[1], shared };
}

/** Vendor of a DRA driver from its name (`gpu.nvidia.com` → nvidia). */
export function vendorOfDraDriver(driver: string): GpuVendor {
  const name = driver.toLowerCase();
  if (/(^|\.)nvidia\.com$/.test(name)) return 'nvidia';
  if (/(^|\.)amd\.com$/.test(name)) return 'amd';
  if (/(^|\.)intel\.com$/.test(name)) return 'intel';
  return 'other';
}

/** Vendor names as people write them, for summaries. */
export function vendorTitle(vendor: GpuVendor): string {
  switch (vendor) {
    case 'nvidia':
      return 'NVIDIA';
    case 'amd':
      return 'AMD';
    case 'intel':
      return 'Intel';
    default:
      return 'other';
  }
}
