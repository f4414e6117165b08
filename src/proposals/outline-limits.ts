/** DESIGN §11: an outline has an abstract of at most 2,000 characters and at most one PDF of at most 5 pages. */
export const OUTLINE_LIMITS = { abstractMax: 2000, maxFiles: 1, maxPages: 5 } as const;
