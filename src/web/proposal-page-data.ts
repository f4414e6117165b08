import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, CallView, toCallView } from '@/calls/calls.service';
import { HistoryEntry, ProposalsService, ProposalView } from '@/proposals/proposals.service';

export interface ProposalPage {
  proposal: ProposalView;
  call: CallView;
  history: HistoryEntry[];
  isOwner: boolean;
  editable: boolean;
}

const EDITABLE = ['draft', 'revision_requested'];

/**
 * Gathers what the proposal page shows, each part from the service the API uses for it, with the
 * caller's own visibility: what the API would refuse this user is never loaded.
 */
@Injectable()
export class ProposalPageData {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly calls: CallsService,
  ) {}

  async load(id: string, user: AuthUser): Promise<ProposalPage> {
    const { proposal, attachments } = await this.proposals.get(id, user);
    const view = this.proposals.view(proposal, user, attachments);
    const [call, history] = await Promise.all([
      this.calls.getVisible(proposal.callId, user),
      this.proposals.history(id, user),
    ]);
    const isOwner = proposal.applicantId === user.id;
    return {
      proposal: view,
      call: toCallView(call, user),
      history,
      isOwner,
      editable: isOwner && EDITABLE.includes(proposal.state),
    };
  }
}
