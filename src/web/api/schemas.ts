/** Shared OpenAPI/JSON schemas of the API: the problem+json body and its field errors. */
import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine code; never localised' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json)' },
);

/** Problem responses for the given statuses, for a route's `response` schema. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
}

export const DateTime = Type.String({ format: 'date-time' });
