/**
 * Regular expressions shared by the JSON schemas and the validators. They
 * are strings because JSON Schema `pattern`s are.
 */

export const SOURCE_URI_PATTERN = '^(oci|hf|s3|gs|pvc|https)://\\S+$';
export const DIGEST_PATTERN = '^sha256:[a-f0-9]{64}$';
/** `32B`, `7.6B`, `500M`, `8b` (ModelPack), `30B-A3B` (mixture of experts: total and active). */
export const PARAMETERS_PATTERN =
  '^[0-9]+(\\.[0-9]+)?[KMBTkmbt](-[Aa][0-9]+(\\.[0-9]+)?[KMBTkmbt])?$';
export const QUANTIZATION_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
export const LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';
export const NON_BLANK_PATTERN = '\\S';
/** ISO 8601 date, or date-time with optional seconds, fraction and offset. */
export const DATE_TIME_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$';

/**
 * `backstage.io/managed-by-location` prefix of the entities the discovery
 * provider emits (`ai-platform:cluster/<name>`). The catalog overwrites that
 * annotation on entities read from files and URLs, so a hand-written entity
 * cannot claim it.
 *
 * @public
 */
export const DISCOVERED_LOCATION_PREFIX = 'ai-platform:';

/** JSON Schema condition: the entity was emitted by the discovery provider. */
export const DISCOVERED_ENTITY_CONDITION = {
  type: 'object',
  required: ['metadata'],
  properties: {
    metadata: {
      type: 'object',
      required: ['annotations'],
      properties: {
        annotations: {
          type: 'object',
          required: ['backstage.io/managed-by-location'],
          properties: {
            'backstage.io/managed-by-location': {
              type: 'string',
              pattern: `^${DISCOVERED_LOCATION_PREFIX}`,
            },
          },
        },
      },
    },
  },
} as const;
