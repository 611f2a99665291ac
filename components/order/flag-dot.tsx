import type { FlagColour } from '../../lib/remarks';

/** How each palette colour is drawn: close to the platforms' own flag icons, readable in dark mode. */
export const FLAG_HEX: Record<FlagColour, string> = {
  gray: '#a8abb2',
  red: '#f23c3c',
  yellow: '#f5b400',
  green: '#2fb344',
  blue: '#2b7cff',
  purple: '#8b4cf0',
  cyan: '#13b5c1',
  orange: '#fa8c16',
};

/** A small flag glyph in a platform colour (none: an outlined "no flag"). */
export function FlagDot({ colour }: { colour?: FlagColour | undefined }) {
  const fill = colour ? FLAG_HEX[colour] : 'none';
  return (
    <svg class="flag-dot" data-colour={colour} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path
        d="M2.5 1.2v11.6"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linecap="round"
        opacity="0.55"
      />
      <path
        d="M3.2 1.8h8.6l-2 3 2 3H3.2z"
        fill={fill}
        stroke={colour ? fill : 'currentColor'}
        stroke-width="1"
        stroke-linejoin="round"
        opacity={colour ? 1 : 0.55}
      />
    </svg>
  );
}
