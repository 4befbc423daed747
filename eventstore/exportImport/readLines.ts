import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The lines of a text file, read as a stream (constant memory). The file is opened only when the
 * iteration starts: a readline interface made earlier loses the lines (and its close) it emits while
 * the consumer still awaits something else, such as a PostgreSQL connection, and then never ends.
 */
export const readLines = (path: string): AsyncIterable<string> => ({
  [Symbol.asyncIterator]: () =>
    createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })[
      Symbol.asyncIterator
    ](),
});
