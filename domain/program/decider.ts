import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { ProgramEvent } from './events.js';

export interface ProgramState {
  readonly status: 'none' | 'active' | 'retired';
  readonly name?: string;
  readonly productLine?: string;
  readonly validForDays?: number;
  readonly points?: number;
}

export type ProgramCommand =
  | {
      type: 'DefineProgram';
      data: {
        programId: string;
        name: string;
        productLine: string;
        validForDays: number;
        points: number;
        productLines: readonly string[];
      };
    }
  | { type: 'RetireProgram'; data: Record<string, never> };

export const initialProgramState: ProgramState = { status: 'none' };

const evolve = (state: ProgramState, event: ProgramEvent): ProgramState => {
  switch (event.type) {
    case 'ProgramDefined': {
      const { name, productLine, validForDays, points } = event.data;
      return { status: 'active', name, productLine, validForDays, points };
    }
    case 'ProgramRetired':
      return { ...state, status: 'retired' };
  }
};

const decide = (command: ProgramCommand, state: ProgramState) => {
  switch (command.type) {
    case 'DefineProgram': {
      if (state.status !== 'none') return E.left(domainError('duplicate', 'program already exists'));
      const { productLines, ...data } = command.data;
      if (!productLines.includes(data.productLine))
        return E.left(
          domainError('validation_failed', 'unknown product line', {
            errors: [{ path: 'productLine', message: `must be one of ${productLines.join(', ')}` }],
          }),
        );
      return E.right([ev.ProgramDefined.create(data)]);
    }
    case 'RetireProgram':
      if (state.status === 'none') return E.left(domainError('not_found', 'program not found'));
      if (state.status === 'retired') return E.left(domainError('invalid_state', 'program is already retired'));
      return E.right([ev.ProgramRetired.create({})]);
  }
};

export const programDecider: Decider<ProgramCommand, ProgramEvent, ProgramState> = {
  initialState: initialProgramState,
  evolve,
  decide,
};
