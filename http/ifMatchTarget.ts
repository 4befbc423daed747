/**
 * The stream an `If-Match` refers to: the aggregate a route acts on directly, whose `ETag` the
 * client read from its GET. Routes on an aggregate's children that live in another stream
 * (a partner's employees, a partner's points) have none here; the pipeline then checks the version
 * of the stream the command targets once it is decided.
 */
const direct: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^\/partners\/:id\/(approve|reject|agreements|tier|region|channel-manager|quotas|suspend|reinstate|terminate)$/,
    'partner-',
  ],
  [/^\/people\/:id\/(vendor-roles|certifications)(\/|$)/, 'person-'],
  [/^\/deals\/:id\/(?!external-refs)/, 'deal-'],
  [/^\/programs\/:id\//, 'program-'],
  [/^\/content\/:id\//, 'content-'],
  [/^\/mdf\/funds\/:id\//, 'mdf-'],
  // A conversion answers the deal it creates: its If-Match, if any, is checked against that new stream.
  [/^\/leads\/:id\/(assign|route|accept|decline|disqualify)$/, 'lead-'],
];

export const ifMatchTarget = (url: string, params: unknown): string | undefined => {
  if (url === '/channel/settings') return 'channel-settings';
  const id = (params as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') return undefined;
  const match = direct.find(([pattern]) => pattern.test(url));
  return match ? `${match[1]}${id}` : undefined;
};
