import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The lines of a text file, read as a stream (constant memory). */
export const readLines = (path: string): AsyncIterable<string> =>
  createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
