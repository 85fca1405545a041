/**
 * The plugin's icon: a chip with pins. Plain SVG on purpose: the nav icon is
 * part of the initial bundle, and an icon-library import would pull the
 * whole styling engine into it.
 */
export function GpuChipIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="6" y="6" width="12" height="12" rx="1.5" />
      <rect
        x="9.5"
        y="9.5"
        width="5"
        height="5"
        fill="currentColor"
        stroke="none"
      />
      <path d="M9 2.5v3M12 2.5v3M15 2.5v3M9 18.5v3M12 18.5v3M15 18.5v3M2.5 9h3M2.5 12h3M2.5 15h3M18.5 9h3M18.5 12h3M18.5 15h3" />
    </svg>
  );
}
