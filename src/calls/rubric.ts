export interface Criterion {
  key: string;
  label: { de: string; en: string };
  weight: number;
  min: number;
  max: number;
  step: number;
  threshold: number;
}

/** Criteria in priority order (the order breaks ranking ties), plus the overall rules. */
export interface Rubric {
  criteria: Criterion[];
  overallThreshold: number;
  disagreementDelta: number;
}

const criterion = (key: string, de: string, en: string, weight: number): Criterion => ({
  key,
  label: { de, en },
  weight,
  min: 0,
  max: 5,
  step: 0.5,
  threshold: 3,
});

/** docs/CONTRACT.md §2: the rubric a call gets when none is given. */
export function defaultRubric(): Rubric {
  return {
    criteria: [
      criterion('scientific_quality', 'Wissenschaftliche Qualität', 'Scientific quality', 0.3),
      criterion('innovation', 'Innovationsgrad', 'Innovation', 0.25),
      criterion('feasibility', 'Machbarkeit', 'Feasibility', 0.2),
      criterion('transfer', 'Transfer', 'Transfer', 0.15),
      criterion('sme_benefit', 'Nutzen für KMU', 'Benefit for SMEs', 0.1),
    ],
    overallThreshold: 3.5,
    disagreementDelta: 2,
  };
}

/** True when `value` lies on the criterion's scale and step (checked in integer steps, no float noise). */
export function isOnScale(c: Criterion, value: number): boolean {
  if (!Number.isFinite(value) || value < c.min || value > c.max) return false;
  const steps = (value - c.min) / c.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** The outline stage's reviews are round 0 (`proposal-transitions.ts#OUTLINE_ROUND`). */
const OUTLINE_ROUND = 0;

/**
 * The rubric a round's reviews are scored on: the outline rubric for a two-stage call's outline
 * (round 0), the call's rubric for every full-stage round (and for calls without an outline rubric).
 */
export function rubricOfRound(call: { rubric: Rubric; outlineRubric?: Rubric | null }, round: number): Rubric {
  return round === OUTLINE_ROUND && call.outlineRubric ? call.outlineRubric : call.rubric;
}

/** The same choice in SQL: `calls` alias `c`, the round as the SQL expression `roundExpr`. */
export function rubricOfRoundSql(c: string, roundExpr: string): string {
  return `(CASE WHEN (${roundExpr}) = ${OUTLINE_ROUND} THEN COALESCE(${c}.outline_rubric, ${c}.rubric) ELSE ${c}.rubric END)`;
}
