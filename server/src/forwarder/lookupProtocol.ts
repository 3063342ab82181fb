// What the forwarding server and the API's lookup (http/urlForwardLookup.ts) say to each other: GET
// URL_FORWARD_LOOKUP_PATH?host=<name> answered with a UrlForwardLookup in JSON. Kept apart so the forwarder's process
// loads neither Prisma nor the API's modules.

export const URL_FORWARD_LOOKUP_PATH = '/url-forwarding/lookup'

/** A forward to follow, a forward that loops (refused), or nothing for this name. */
export type UrlForwardLookup =
  { kind: 'forward'; target: string; status: 301 | 302; keepPath: boolean } | { kind: 'loop' } | { kind: 'none' }
