import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { derivedId, eventIdFor, idempotentCommandId } from '../../commands/pipeline/index.js';

const test = suite('eventIdFor: event ids derived from their command');

test('the events of a command the server minted sort by its time, and differ per stream and index', () => {
  let now = Date.UTC(2026, 11, 4);
  const ids = timeOrderedIds(() => now);
  const eventIds: string[] = [];
  for (let i = 0; i < 500; i++) {
    now += 1 + (i % 3);
    const commandId = ids.next('command');
    const own = [eventIdFor(commandId, 'person-a', 0), eventIdFor(commandId, 'person-a', 1)];
    own.push(eventIdFor(commandId, 'email-a', 0));
    assert.is(new Set(own).size, 3);
    for (const id of own) assert.is(id.slice(4, 12), commandId.slice(4, 12), 'the command time leads');
    eventIds.push(own[0]);
  }
  assert.equal([...eventIds].sort(), eventIds);
  for (const id of eventIds) assert.match(id, /^evt_[0-9A-Za-z]{8}[0-9A-Za-z_-]{13}$/);
});

test('the same command derives the same ids again: its replay is recognised', () => {
  const commandId = timeOrderedIds().next('command');
  assert.is(eventIdFor(commandId, 'deal-x', 2), eventIdFor(commandId, 'deal-x', 2));
});

test('commands that may be replayed keep the hash-only ids they always had', () => {
  // A policy's command id and an Idempotency-Key's: replayed across versions, their events must match.
  for (const commandId of [derivedId('cmd', 'policy/points/evt_1'), idempotentCommandId('admin:key-1')]) {
    assert.is(eventIdFor(commandId, 'points-x', 0), derivedId('evt', `${commandId}/points-x/0`));
  }
  // Command ids of another shape (given by tests, or by a client of the pipeline) too.
  assert.is(eventIdFor('cmd-1', 's', 0), derivedId('evt', 'cmd-1/s/0'));
});

test.run();
