import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import {
  commandLayer,
  commandScopedIds,
  idempotentCommandId,
  withCommandScopedIds,
  type CommandContext,
  type CommandPipeline,
} from '../../commands/index.js';
import { systemPrincipal } from '../../domain/access/index.js';
import type { DomainError, IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { pathOf } from '../../http/problem.js';
import { readCsvRecords } from './csvRecords.js';
import { importKinds, type ImportKindName } from './importKinds.js';

/** One problem of one row: the file's line, the field (a column's path; empty for the row), the problem code. */
export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportSummary {
  readonly kind: ImportKindName;
  readonly file: string;
  readonly dryRun: boolean;
  readonly rows: number;
  readonly accepted: number;
  /** Accepted rows that appended events now (the others were imported by an earlier run). */
  readonly created: number;
  readonly refused: number;
  readonly seconds: number;
  readonly errorsFile: string;
  readonly summaryFile: string;
}

export interface ImportOptions {
  readonly kind: ImportKindName;
  readonly file: string;
  readonly dryRun: boolean;
  readonly store: EventStore;
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * `prm import-csv`: every row through the same command functions as the API, as the system
 * (`import-csv`), with an idempotency key derived from the kind and the row's content: a re-run (or a
 * row repeated) replays the first outcome and appends nothing, while a corrected row is a new command.
 * Writes `<file>.errors.csv` (line, field, code, message) and `<file>.summary.json` beside the input.
 */
export const importCsv = async (options: ImportOptions): Promise<ImportSummary> => {
  const started = Date.now();
  const { headers, records } = await readCsvRecords(options.file);
  const ids = commandScopedIds(options.ids);
  const layer = commandLayer({ pipeline: options.pipeline, ids });
  const kind = importKinds(layer, options.store, systemPrincipal('import-csv'))[options.kind];
  const problems: RowProblem[] = [];
  const known = (h: string) =>
    kind.columns.includes(h) || (h.startsWith('externalRefs.') && kind.columns.includes('externalRefs.<system>'));
  const unknown = headers.filter((h) => !known(h.trim()));
  if (unknown.length)
    throw new Error(
      `unknown column(s) ${unknown.join(', ')}; the ${options.kind} columns are ${kind.columns.join(', ')}`,
    );

  let accepted = 0;
  let created = 0;
  let done = 0;
  const refuse = (line: number, error: DomainError) => {
    const fields = error.errors?.length ? error.errors : [{ path: '', message: error.message }];
    for (const f of fields) problems.push({ line, field: f.path, code: error.code, message: f.message });
  };

  const importRow = async (record: (typeof records)[number]) => {
    const parsed = kind.schema.safeParse(record.body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          line: record.line,
          field: pathOf(issue.path),
          code: 'validation_failed',
          message: issue.message,
        });
      return;
    }
    if (options.dryRun) {
      accepted += 1;
      return;
    }
    const key = createHash('sha256')
      .update(`${options.kind}\n${JSON.stringify(parsed.data)}`)
      .digest('base64url');
    const ctx = (step: string): CommandContext => {
      const idempotencyKey = `import-csv/${key}/${step}`;
      const commandId = idempotentCommandId(`system:import-csv:${idempotencyKey}`);
      return { actor: { kind: 'system', id: 'import-csv' }, commandId, correlationId: key, idempotencyKey };
    };
    const before = await options.store.headPosition();
    const first = ctx('apply').commandId;
    const outcome = await withCommandScopedIds(first, () => kind.run(ctx, parsed.data));
    if (E.isLeft(outcome)) return refuse(record.line, outcome.left);
    accepted += 1;
    if (outcome.right.position > before) created += 1;
  };

  const queue = [...records];
  await Promise.all(
    Array.from({ length: options.concurrency ?? 32 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        await importRow(r);
        done += 1;
        options.onProgress?.(done, records.length);
      }
    }),
  );

  problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  const errorsFile = `${options.file}.errors.csv`;
  const summaryFile = `${options.file}.summary.json`;
  writeFileSync(
    errorsFile,
    `${[
      'line,field,code,message',
      ...problems.map((p) => [String(p.line), p.field, p.code, p.message].map(csvCell).join(',')),
    ].join('\n')}\n`,
  );
  const refusedLines = new Set(problems.map((p) => p.line)).size;
  const summary: ImportSummary = {
    kind: options.kind,
    file: options.file,
    dryRun: options.dryRun,
    rows: records.length,
    accepted,
    created,
    refused: refusedLines,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    errorsFile,
    summaryFile,
  };
  writeFileSync(summaryFile, `${JSON.stringify({ ...summary, problems: problems.length }, null, 2)}\n`);
  return summary;
};
