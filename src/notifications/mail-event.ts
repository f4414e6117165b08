import type { AssignmentInfo, MailData, ProposalInfo } from './mail-data';

export type Payload = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One event to mail about (an outbox payload, a reminder, a resend): its payload plus the proposal and
 * assignment it names, each read once for all recipients and the rendering of every copy.
 */
export class MailEvent {
  private proposalRead?: Promise<ProposalInfo | null>;
  private assignmentRead?: Promise<AssignmentInfo | null>;

  constructor(
    private readonly data: MailData,
    readonly payload: Payload,
  ) {}

  /** A payload value as text ('' when absent). */
  text(key: string): string {
    return str(this.payload[key]);
  }

  assignment(): Promise<AssignmentInfo | null> {
    this.assignmentRead ??= this.data.assignment(this.text('assignmentId'));
    return this.assignmentRead;
  }

  /** The proposal of the payload, or else of the payload's assignment. */
  proposal(): Promise<ProposalInfo | null> {
    this.proposalRead ??= this.readProposal();
    return this.proposalRead;
  }

  async mustAssignment(): Promise<AssignmentInfo> {
    const a = await this.assignment();
    if (!a) throw new Error(`Assignment ${this.text('assignmentId')} not found`);
    return a;
  }

  async mustProposal(): Promise<ProposalInfo> {
    const p = await this.proposal();
    if (!p) throw new Error(`Proposal ${this.text('proposalId') || this.text('assignmentId')} not found`);
    return p;
  }

  private async readProposal(): Promise<ProposalInfo | null> {
    if (this.payload.proposalId) return this.data.proposal(this.text('proposalId'));
    const a = await this.assignment();
    return a?.proposal ?? null;
  }
}
