import { RecordDecisionDto } from '@/decision/dto/record-decision.dto';
import type { Locale } from '@/users/user.entity';
import { formBody, one, validated } from './form-input';
import { NumberFields } from './number-input';

/** The posted decision form (a proposal's page or a meeting item), as typed: shown again on a refusal. */
export function decisionFormValues(rawBody: unknown) {
  const body = formBody(rawBody);
  return {
    outcome: one(body, 'outcome'),
    rationale: one(body, 'rationale'),
    grantedFundingEur: one(body, 'grantedFundingEur'),
    override: one(body, 'override'),
  };
}

/** The decision the form asks for; the granted amount is read (German or English digits) only for an approval. */
export async function decisionOf(
  values: ReturnType<typeof decisionFormValues>,
  locale: Locale,
): Promise<RecordDecisionDto> {
  const numbers = new NumberFields(locale);
  const granted =
    values.outcome === 'approved'
      ? numbers.read('grantedFundingEur', values.grantedFundingEur, 'whole')
      : undefined;
  return validated(
    RecordDecisionDto,
    {
      outcome: values.outcome,
      rationale: values.rationale,
      ...(granted !== undefined ? { grantedFundingEur: granted } : {}),
      ...(values.override === 'true' ? { override: true } : {}),
    },
    numbers,
  );
}
