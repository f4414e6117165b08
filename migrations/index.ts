import { Initial1795702871069 } from './1795702871069-initial';
import { AuditAppendOnly1795702871070 } from './1795702871070-audit-append-only';
import { MailLogDelivery1795704928715 } from './1795704928715-mail-log-delivery';
import { RoundScores1795709570947 } from './1795709570947-round-scores';
import { JobNames1795720000000 } from './1795720000000-job-names';
import { OrganisationKeys1795720000001 } from './1795720000001-organisation-keys';
import { EmailConfirmation1795730000000 } from './1795730000000-email-confirmation';
import { MailDataSent1795730000001 } from './1795730000001-mail-data-sent';
import { ConsensusLetters1795743000000 } from './1795743000000-consensus-letters';
import { Accounts1795740000000 } from './1795740000000-accounts';
import { OrganisationRegistry1795741000000 } from './1795741000000-organisation-registry';
import { CallStages1795742000000 } from './1795742000000-call-stages';
import { Meetings1795744000000 } from './1795744000000-meetings';
import { Privacy1795745000000 } from './1795745000000-privacy';
import { RankingVersions1795746000000 } from './1795746000000-ranking-versions';
import { OutlineRubric1795748000000 } from './1795748000000-outline-rubric';

/** Every migration, oldest first; new ones are appended here (no file globbing, so ESM tests load them too). */
export const MIGRATIONS = [
  Initial1795702871069,
  AuditAppendOnly1795702871070,
  MailLogDelivery1795704928715,
  RoundScores1795709570947,
  JobNames1795720000000,
  OrganisationKeys1795720000001,
  EmailConfirmation1795730000000,
  MailDataSent1795730000001,
  ConsensusLetters1795743000000,
  Accounts1795740000000,
  OrganisationRegistry1795741000000,
  CallStages1795742000000,
  Meetings1795744000000,
  Privacy1795745000000,
  RankingVersions1795746000000,
  OutlineRubric1795748000000,
];
