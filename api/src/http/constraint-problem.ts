import { ProblemError } from '../problem';

type DatabaseError = { code?: string; constraint?: string; detail?: string; message?: string };

// Which property a unique or foreign-key constraint guards, for a message the planner understands.
const CONSTRAINT_PROPERTY: Array<[RegExp, string]> = [
  [/external_id/, 'externalId'],
  [/housing_units_code/, 'code'],
  [/parent_id/, 'parentId'],
];

function propertyOf(error: DatabaseError): string | undefined {
  const text = `${error.constraint ?? ''} ${error.message ?? ''}`;
  return CONSTRAINT_PROPERTY.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * Returns the problem for a PostgreSQL constraint violation raised by a write (409 for a duplicate or a
 * row still referenced, 422 for a missing reference or a failed check), or undefined for any other error.
 */
export function constraintProblem(error: unknown, noun: string): ProblemError | undefined {
  const e = error as DatabaseError;
  const property = propertyOf(e);
  const pointer = property ? `/body/properties/${property}` : '/body';
  switch (e.code) {
    case '23505':
      return new ProblemError({
        status: 409,
        type: '/problems/duplicate',
        title: 'Duplicate value',
        detail: `Another ${noun} already has this ${property ?? 'value'}; it must be unique.`,
        errors: [{ pointer, detail: 'already used by another record' }],
      });
    // 23001: ON DELETE RESTRICT (relocation plans keep their unit); 23503: any other foreign key.
    case '23001':
    case '23503':
      if (e.code === '23001' || /update or delete/.test(e.message ?? '')) {
        return new ProblemError({
          status: 409,
          type: '/problems/still-referenced',
          title: 'Still referenced',
          detail: `This ${noun} is still referenced by other records (e.g. a relocation plan) and cannot be removed.`,
        });
      }
      return new ProblemError({
        status: 422,
        type: '/problems/unknown-reference',
        title: 'Unknown reference',
        detail: `${property ?? 'A referenced record'} names a record that does not exist.`,
        errors: [{ pointer, detail: 'no such record' }],
      });
    case '23514':
    case '23502':
      return new ProblemError({
        status: 422,
        type: '/problems/constraint-violation',
        title: 'Rejected by the database',
        detail: `The ${noun} breaks a rule of the database (${e.constraint ?? e.message ?? 'constraint'}).`,
      });
    default:
      return undefined;
  }
}
