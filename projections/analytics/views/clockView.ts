import {
  now,
  nowText,
  per,
  periodOfText,
  periodStartOf,
  previousPeriodOf,
  sql,
  yearAgoPeriodOf,
} from '../analyticsSql.js';
import { date, defineView, instant, text } from '../analyticsView.js';

const currentPeriod = periodOfText(nowText);

/**
 * The reader's clock as one row, so that queries about "now" and "this quarter" read the same on SQLite
 * and PostgreSQL: `JOIN analytics_clock k ON d.protected_until > k.now`.
 */
export const clockV1 = defineView({
  name: 'analytics_clock',
  version: 1,
  rowPer: 'query (the clock; exactly one row)',
  key: ['now'],
  columns: {
    now: instant(now, 'the instant the query runs'),
    today: date(sql`substr(${nowText}, 1, 10)`, 'its day (UTC)'),
    current_period: text(currentPeriod, 'its quarter, `YYYY-Qn`'),
    current_period_start: instant(periodStartOf(currentPeriod), 'the first instant of that quarter'),
    previous_period: text(previousPeriodOf(currentPeriod), 'the quarter before'),
    year_ago_period: text(yearAgoPeriodOf(currentPeriod), 'the same quarter a year earlier'),
    year_ago: instant(
      per(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 year')`, `now() - interval '1 year'`),
      'the instant a year before now',
    ),
  },
  from: '',
});
