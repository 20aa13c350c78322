import { z } from 'zod';

// The public segregation trend (issue 12): GET /api/public/segregation and segregation.json of the static
// export. Shared by the server, which checks every document against it before it leaves, and the public
// page (`import type`).

const index = z.number().min(0).max(1).nullable();
/** D and isolation by month over localities, from disclosure-controlled counts; only the published months. */
export const publicSegregationSchema = z.strictObject({
  asOfMonth: z.string().regex(/^\d{4}-\d{2}$/),
  units: z.literal('locality'),
  disclosure: z.strictObject({ k: z.number().int(), roundingBase: z.number().int() }),
  series: z.array(z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), dissimilarity: index, isolation: index })),
});
export type PublicSegregation = z.infer<typeof publicSegregationSchema>;
