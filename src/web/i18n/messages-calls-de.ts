/**
 * German page texts of two-stage calls, questions and budgets (issue 15); spread into `de`
 * (messages-de.ts), split off to keep each file short.
 */
export const deCalls = {
  'next.decidedInvited':
    'Die Entscheidung ist festgehalten: zum Vollantrag eingeladen. Die Antragstellenden erhalten die Einladung mit den Hinweisen der Gutachter*innen per E-Mail; der Antrag ist wieder ein Entwurf.',
  'next.decidedNotInvited':
    'Die Entscheidung ist festgehalten: nicht eingeladen. Die Antragstellenden erhalten den Bescheid mit den Hinweisen der Gutachter*innen per E-Mail.',
};
