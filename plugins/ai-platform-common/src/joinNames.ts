/**
 * "a, b, c and 2 more": names for a message, at most `max` of them.
 *
 * @public
 */
export function joinNames(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
