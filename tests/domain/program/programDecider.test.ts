/**
 * Certification program (DESIGN §4): ProgramDefined, ProgramRetired. Every transition and refusal.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProgramDefined, programDecider, ProgramRetired } from '../../../domain/program/index.js';
import { defaultProductLines } from '../../../domain/shared/index.js';
import { spec } from '../../support/deciderSpec.js';

const definition = {
  programId: 'prg_storage001',
  name: 'Storage Specialist',
  productLine: 'storage',
  validForDays: 365,
  points: 500,
};
const defined = ProgramDefined.create(definition);
const program = spec(programDecider);

const test = suite('program decider');

test('a program is defined for a product line of the channel', () => {
  const state = program
    .given([])
    .when({ type: 'DefineProgram', data: { ...definition, productLines: defaultProductLines } })
    .thenEmits([defined]);
  assert.equal(state, {
    status: 'active',
    name: 'Storage Specialist',
    productLine: 'storage',
    validForDays: 365,
    points: 500,
  });
});

test('the list of product lines is not recorded in the event', () => {
  program
    .given([])
    .when({ type: 'DefineProgram', data: { ...definition, productLine: 'quantum', productLines: ['quantum'] } })
    .thenEmits([ProgramDefined.create({ ...definition, productLine: 'quantum' })]);
});

test('a program for a product line the channel does not sell is refused, naming the field', () => {
  const error = program
    .given([])
    .when({ type: 'DefineProgram', data: { ...definition, productLine: 'quantum', productLines: defaultProductLines } })
    .thenFails('validation_failed', 'unknown product line');
  assert.equal(
    error.errors?.map((e) => e.path),
    ['productLine'],
  );
  assert.match(error.errors?.[0]?.message ?? '', 'storage, compute');
});

test('a program cannot be defined twice, even once retired', () => {
  program
    .given([defined])
    .when({ type: 'DefineProgram', data: { ...definition, productLines: defaultProductLines } })
    .thenFails('duplicate', 'already exists');
  program
    .given([defined, ProgramRetired.create({})])
    .when({ type: 'DefineProgram', data: { ...definition, productLines: defaultProductLines } })
    .thenFails('duplicate');
});

test('an active program is retired', () => {
  const state = program
    .given([defined])
    .when({ type: 'RetireProgram', data: {} })
    .thenEmits([ProgramRetired.create({})]);
  assert.is(state.status, 'retired');
  assert.is(state.name, 'Storage Specialist');
});

test('retiring a program that does not exist: not found', () => {
  program.given([]).when({ type: 'RetireProgram', data: {} }).thenFails('not_found', 'program not found');
});

test('retiring a retired program is refused', () => {
  program
    .given([defined, ProgramRetired.create({})])
    .when({ type: 'RetireProgram', data: {} })
    .thenFails('invalid_state', 'already retired');
});

test.run();
