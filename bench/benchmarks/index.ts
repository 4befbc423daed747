import type { Benchmark } from '../harness/benchmark.js';
import { analyticsBenchmark } from './analytics.js';
import { baseline } from './baseline.js';
import { clusterHttp } from './clusterHttp.js';
import { consolePagesBenchmark } from './consolePages.js';
import { csvImportBenchmark } from './csvImport.js';
import { floor } from './floor.js';
import { dashboardsBenchmark } from './dashboards.js';
import { dealCommands } from './dealCommands.js';
import { httpCommands } from './httpCommands.js';
import { httpDeals } from './httpDeals.js';
import { httpPeople } from './httpPeople.js';
import { httpReads } from './httpReads.js';
import { inProcessCommands } from './inProcessCommands.js';
import { postgresReadModels } from './postgresReadModels.js';
import { leadRouting } from './leadRouting.js';
import { projectionRebuild } from './projectionRebuild.js';
import { rawAppends } from './rawAppends.js';
import { readQueries } from './readQueries.js';
import { seedBenchmark } from './seed.js';
import { visibilityBenchmark } from './visibility.js';
import { webhooksBenchmark } from './webhooks.js';

/**
 * Every benchmark, in the order they run (one file each). Add yours with one line; read an
 * earlier one's figures through `ctx.results` and declare it in `needs`.
 */
export const benchmarks: readonly Benchmark[] = [
  baseline,
  floor,
  rawAppends,
  inProcessCommands,
  httpCommands,
  httpPeople,
  dealCommands,
  httpDeals,
  projectionRebuild,
  readQueries,
  httpReads,
  visibilityBenchmark,
  seedBenchmark,
  dashboardsBenchmark,
  analyticsBenchmark,
  consolePagesBenchmark,
  clusterHttp,
  postgresReadModels,
  csvImportBenchmark,
  webhooksBenchmark,
  leadRouting,
];
