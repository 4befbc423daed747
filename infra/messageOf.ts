/** What an error says, for a health detail, a refusal or a message across threads (anything may be thrown). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
