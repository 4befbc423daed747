/** The aggregate id inside a stream id: `partner-ptr_x` -> `ptr_x`. */
export const idOfStream = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);
