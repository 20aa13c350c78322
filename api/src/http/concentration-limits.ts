import { z } from 'zod';

/** Concentration limits in a JSON body (matching, simulation): each one optional, the defaults fill the rest. */
export const concentrationLimitsSchema = z
  .strictObject({
    building: z.number().int().min(1).max(1000),
    near: z.number().int().min(1).max(1000),
    neighbourhoodPer10k: z.number().min(0.1).max(10_000),
    localityPer10k: z.number().min(0.1).max(10_000),
  })
  .partial();
