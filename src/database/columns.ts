import { ValueTransformer } from 'typeorm';

/** `bigint`/`numeric` columns come back from pg as strings; these read them as numbers. */
export const numberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
