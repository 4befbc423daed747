/**
 * Node's flags for `prm` (`npm run prm`), where rebuilds, bulk seeds and log imports run; the server
 * (`npm start`) keeps Node's defaults. A rebuild allocates hundreds of megabytes a second that live for
 * milliseconds: with Node 20's 16 MB semi-space, scavenges came so often that objects still in use were
 * promoted, the old generation held about 105 MB at a 300k rebuild's peak instead of 31, and the collector
 * took 8% of the time instead of 3%. A server's request tail measured a little worse with it (README,
 * issue 17, stop 36). package.json's `prm` script passes these (a test holds them together).
 */
export const CLI_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
