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
