/**
 * House rule the formatter cannot keep: no line of code longer than 120 characters (it wraps code,
 * not comments or long strings). Lists every offending line and exits 1; part of `npm run lint`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.css', '*.html'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const offences: string[] = [];
for (const file of tracked) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  text.split('\n').forEach((line, i) => {
    if ([...line].length > MAX) offences.push(`${file}:${i + 1}: ${[...line].length} characters`);
  });
}
for (const offence of offences) console.log(offence);
if (offences.length > 0) {
  console.log(`${offences.length} line(s) longer than ${MAX} characters`);
  process.exit(1);
}
