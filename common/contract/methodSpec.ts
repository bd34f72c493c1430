import { z } from 'zod';

/** A contract method: the schema main applies to the `unknown` params, and what it answers. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** Params of a method that takes none. */
export const EMPTY_PARAMS = z.object({}).strict();
