import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalidInput } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields and bad values are a 400 with one entry per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return invalidInput(
        fieldErrors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; '),
        fieldErrors,
      );
    },
  });
}
