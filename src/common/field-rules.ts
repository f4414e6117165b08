import { IsDate, MaxDate, MinDate, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but not sent as `null`: unlike `@IsOptional()`, a `null` still meets
 * the field's other rules and is refused at the field. For every field whose column cannot be empty.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** The dates the service stores: wide enough for any workflow date, narrow enough for PostgreSQL. */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00Z');
export const LATEST_DATE = new Date('2100-01-01T00:00:00Z');

/** A real date between EARLIEST_DATE and LATEST_DATE (combine with `@Type(() => Date)`). */
export function IsSaneDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    IsDate(options)(target, property);
    MinDate(EARLIEST_DATE, { message: `$property must not be before ${EARLIEST_DATE.toISOString()}` })(
      target,
      property,
    );
    MaxDate(LATEST_DATE, { message: `$property must not be after ${LATEST_DATE.toISOString()}` })(
      target,
      property,
    );
  };
}
