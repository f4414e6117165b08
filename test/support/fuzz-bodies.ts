import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';

/** Any UTF-16 code unit, so strings carry NUL, control characters and lone surrogates. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Values that broke or nearly broke the service before (issue #11) or sit at a type's edges. */
const edgeValue = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -8_640_000_000_000_000,
  8_640_000_000_000_000,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF x',
  '😀',
  'x'.repeat(10_001),
  '0001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-13-45T99:99:99Z',
  '2030-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '1e999',
  "'; DROP TABLE users; --",
  '__proto__',
  {},
  [],
  [null],
);

const scalar = fc.oneof(
  edgeValue,
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double({ noNaN: true }),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** Any JSON value a few levels deep, scalars biased to the edges. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

interface Rule {
  name?: string;
  constraints?: unknown[];
  each?: boolean;
}

/** The DTO classes by name, from class-validator's own registry (the OpenAPI document names them). */
const storage = getMetadataStorage() as unknown as {
  validationMetadatas: Map<new () => object, ValidationMetadata[]>;
};
const dtoClass = (name: string) =>
  [...storage.validationMetadatas.keys()].find((target) => target.name === name);

/** The validation rules of each field of a DTO, inherited ones included. */
function fieldRules(dto: new () => object): Map<string, Rule[]> {
  const rules = new Map<string, Rule[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false))
    rules.set(meta.propertyName, [...(rules.get(meta.propertyName) ?? []), meta]);
  return rules;
}

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, minLength: 1, maxLength: 20 }) },
  { weight: 2, arbitrary: edgeValue.filter((v) => typeof v === 'string') },
);

/**
 * A value the field's rules accept (enum member, number in range, date, …), so that bodies get past
 * the validation pipe to the services and the database; strings carry any code unit now and then.
 */
function plausibleValue(rules: Rule[], uuids: string[]): fc.Arbitrary<unknown> {
  const rule = (name: string) => rules.find((r) => r.name === name);
  const bound = (name: string) => rule(name)?.constraints?.[0] as number | undefined;
  const single = (): fc.Arbitrary<unknown> => {
    const isIn = rules.find((r) => r.name === 'isIn');
    if (isIn) return fc.constantFrom(...(isIn.constraints?.[0] as unknown[]));
    if (rule('isBoolean')) return fc.boolean();
    if (rule('isInt'))
      return fc.integer({ min: bound('min') ?? -10, max: Math.min(bound('max') ?? 1000, 2 ** 31 - 1) });
    if (rule('isNumber')) return fc.double({ min: bound('min') ?? 0, max: bound('max') ?? 100, noNaN: true });
    if (rule('isDate'))
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    if (rule('isUuid')) return fc.constantFrom(...uuids);
    if (rule('isEmail'))
      return fc.string({ minLength: 1, maxLength: 10 }).map((local) => `${local}@example.test`);
    if (rule('isObject')) return fc.dictionary(fc.string({ maxLength: 20 }), scalar, { maxKeys: 5 });
    if (rules.some((r) => (r as { type?: string }).type === 'nestedValidation')) return anyValue;
    return nastyString;
  };
  return rules.some((r) => r.each) || rule('isArray') ? fc.array(single(), { maxLength: 4 }) : single();
}

/**
 * A body of the DTO's fields, each plausible, `null` or anything: either one or two fields (most
 * update routes take that, so the odd value reaches the service) or all of them (what create routes
 * need); now and then a field the DTO does not know.
 */
function dtoBody(dtoName: string, uuids: string[]): fc.Arbitrary<unknown> {
  const dto = dtoClass(dtoName);
  const fields = dto ? [...fieldRules(dto)] : [];
  if (fields.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 2 });
  const value = (rules: Rule[]) =>
    fc.oneof(
      { weight: 6, arbitrary: plausibleValue(rules, uuids) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: anyValue },
    );
  const bodyOf = (chosen: Array<[string, Rule[]]>) =>
    fc.record(Object.fromEntries(chosen.map(([name, rules]) => [name, value(rules)])));
  const stranger = fc.oneof(
    { weight: 9, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 2 }) },
  );
  const known = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.subarray(fields, { minLength: 1, maxLength: Math.min(2, fields.length) }).chain(bodyOf),
    },
    { weight: 1, arbitrary: bodyOf(fields) },
  );
  return fc.tuple(known, stranger).map(([body, extra]) => ({ ...extra, ...body }));
}

/** Arrays nested around the body parser's depth limit (32), and the 50,000 levels of issue #11. */
const nested = fc
  .oneof(fc.integer({ min: 20, max: 60 }), fc.constant(50_000))
  .map((depth) => '['.repeat(depth) + ']'.repeat(depth));

/** The raw text of a JSON body for a route whose body is this DTO (or none); `uuids` fill id fields. */
export function jsonBodyText(dtoName: string | undefined, uuids: string[]): fc.Arbitrary<string> {
  const shaped = dtoName ? dtoBody(dtoName, uuids) : anyValue;
  return fc.oneof(
    { weight: 8, arbitrary: shaped.map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: anyValue.map((body) => JSON.stringify(body) ?? 'null') },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '{', ''),
    },
  );
}

/** A query string of known parameter names with edge and random values. */
export const queryText = fc
  .dictionary(
    fc.constantFrom(
      'limit',
      'cursor',
      'q',
      'round',
      'state',
      'callId',
      'role',
      'mine',
      'proposalId',
      'to',
      'template',
      'status',
    ),
    fc.oneof(
      scalar.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      fc.string({ unit: codeUnit, maxLength: 20 }),
    ),
    { maxKeys: 3 },
  )
  .map((query) => new URLSearchParams(query as Record<string, string>).toString());
