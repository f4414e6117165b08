import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PDFDocument } from 'pdf-lib';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@/auth/auth-user';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';
import { notFound, problem } from '@/common/problem';
import { writeAudit } from '@/workflow/audit';
import { inStates } from '@/workflow/state-machine';
import { Attachment } from './attachment.entity';
import { Proposal } from './proposal.entity';
import { EDITABLE_PROPOSAL_STATES } from './proposal-transitions';
import { OUTLINE_LIMITS } from './outline-limits';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
const PDF_MAGIC = Buffer.from('%PDF-');

export interface AttachmentView {
  id: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export const toAttachmentView = (a: Attachment): AttachmentView => ({
  id: a.id,
  filename: a.filename,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
});

class TooLarge extends Error {}

/** Hashes and measures a stream while it passes, and stops it past the size limit. */
function measure(limit: number) {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(new TooLarge());
      if (head.length < PDF_MAGIC.length) head = Buffer.concat([head, chunk.subarray(0, PDF_MAGIC.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, head, sha256: hash.digest('hex') }) };
}

/** Keeps the name for display and download, without path parts or control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'document.pdf';
}

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get dir(): string {
    return resolve(this.config.uploadDir);
  }

  /**
   * Stores an uploaded PDF for the owner of `proposal`: streamed to a temporary file while hashed, checked
   * by its magic bytes and size, then registered in one transaction that re-checks state and count.
   */
  async upload(proposal: Proposal, user: AuthUser, filename: string, file: Readable): Promise<Attachment> {
    if (proposal.applicantId !== user.id) throw notFound('Proposal');
    if (!inStates(EDITABLE_PROPOSAL_STATES, proposal.state)) {
      file.resume();
      throw problem(
        'not-editable',
        { state: proposal.state },
        `Attachments cannot change while the proposal is ${proposal.state}.`,
        {
          state: proposal.state,
        },
      );
    }
    await mkdir(this.dir, { recursive: true });
    const storageKey = `${randomUUID()}.pdf`;
    const temporary = join(this.dir, `.upload-${storageKey}`);
    const measured = measure(MAX_ATTACHMENT_BYTES);
    try {
      try {
        await pipeline(file, measured.stream, createWriteStream(temporary, { flags: 'wx' }));
      } catch (error) {
        const fastifyCode = (error as { code?: string }).code;
        if (error instanceof TooLarge || fastifyCode === 'FST_REQ_FILE_TOO_LARGE') {
          throw problem(
            'file-too-large',
            { maxMiB: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
            `A PDF may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
          );
        }
        throw error;
      }
      if ((file as Readable & { truncated?: boolean }).truncated) {
        throw problem(
          'file-too-large',
          { maxMiB: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
          `A PDF may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
        );
      }
      const { size, head, sha256 } = measured.result();
      if (size === 0)
        throw problem('file-empty', {}, 'The file is empty.', {
          errors: [{ field: 'file', messages: ['empty file'] }],
        });
      if (!head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        throw problem('not-a-pdf', {}, 'Only PDF files are accepted (the file does not start like a PDF).');
      }
      if (proposal.stage === 'outline') await checkOutlinePages(temporary);
      const attachment = await this.dataSource.transaction(async (manager) => {
        const locked = await lockEditable(manager, proposal);
        const count = await manager.countBy(Attachment, { proposalId: proposal.id });
        if (locked.stage === 'outline' && count >= OUTLINE_LIMITS.maxFiles)
          throw outlinePdfLimit('one PDF only');
        if (count >= MAX_ATTACHMENTS)
          throw problem(
            'too-many-attachments',
            { max: MAX_ATTACHMENTS },
            `A proposal may have at most ${MAX_ATTACHMENTS} attachments.`,
          );
        const saved = await manager.save(
          manager.create(Attachment, {
            proposalId: proposal.id,
            filename: cleanFilename(filename),
            sizeBytes: size,
            sha256,
            storageKey,
            uploadedBy: user.id,
          }),
        );
        await manager.update(Proposal, { id: proposal.id }, { version: locked.version + 1 });
        await writeAudit(manager, {
          actorId: user.id,
          entityType: 'proposal',
          entityId: proposal.id,
          action: 'attach',
          // No filename: names of files often name people, and audit rows are never changed (issue 18).
          data: { attachmentId: saved.id, sizeBytes: size, sha256 },
        });
        return saved;
      });
      await rename(temporary, join(this.dir, storageKey));
      return attachment;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  list(proposalId: string): Promise<Attachment[]> {
    return this.dataSource
      .getRepository(Attachment)
      .find({ where: { proposalId }, order: { createdAt: 'ASC' } });
  }

  async find(proposalId: string, attachmentId: string): Promise<Attachment> {
    const attachment = await this.dataSource
      .getRepository(Attachment)
      .findOneBy({ id: attachmentId, proposalId });
    if (!attachment) throw notFound('Attachment');
    return attachment;
  }

  open(attachment: Attachment): Readable {
    return createReadStream(join(this.dir, attachment.storageKey));
  }

  async remove(proposal: Proposal, attachmentId: string, user: AuthUser): Promise<void> {
    if (proposal.applicantId !== user.id) throw notFound('Proposal');
    // The state as the applicant sees it (a pending batch decision reads as awaiting_decision).
    if (!inStates(EDITABLE_PROPOSAL_STATES, proposal.state)) {
      throw problem(
        'not-editable',
        { state: proposal.state },
        `Attachments cannot change while the proposal is ${proposal.state}.`,
        { state: proposal.state },
      );
    }
    const removed = await this.dataSource.transaction(async (manager) => {
      const locked = await lockEditable(manager, proposal);
      const attachment = await manager.findOneBy(Attachment, { id: attachmentId, proposalId: proposal.id });
      if (!attachment) throw notFound('Attachment');
      await manager.delete(Attachment, { id: attachment.id });
      await manager.update(Proposal, { id: proposal.id }, { version: locked.version + 1 });
      await writeAudit(manager, {
        actorId: user.id,
        entityType: 'proposal',
        entityId: proposal.id,
        action: 'detach',
        data: { attachmentId },
      });
      return attachment;
    });
    await rm(join(this.dir, removed.storageKey), { force: true });
  }
}

/** Locks the proposal row for an attachment change; refuses when it left the editable states meanwhile. */
async function lockEditable(manager: EntityManager, proposal: Proposal): Promise<Proposal> {
  const locked = await manager.findOne(Proposal, {
    where: { id: proposal.id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!locked || !inStates(EDITABLE_PROPOSAL_STATES, locked.state)) {
    throw problem(
      'not-editable',
      { state: locked?.state ?? proposal.state },
      'The proposal can no longer be edited.',
      { state: locked?.state },
    );
  }
  return locked;
}

function outlinePdfLimit(message: string) {
  return problem(
    'outline-pdf-limit',
    { maxFiles: OUTLINE_LIMITS.maxFiles, maxPages: OUTLINE_LIMITS.maxPages },
    `An outline has at most ${OUTLINE_LIMITS.maxFiles} PDF of at most ${OUTLINE_LIMITS.maxPages} pages: ${message}.`,
    { errors: [{ field: 'file', messages: [message] }] },
  );
}

/** An outline's PDF has at most 5 pages, counted by pdf-lib (a PDF it cannot read is refused as no PDF). */
async function checkOutlinePages(path: string): Promise<void> {
  let pages: number;
  try {
    const document = await PDFDocument.load(await readFile(path), {
      ignoreEncryption: true,
      updateMetadata: false,
    });
    pages = document.getPageCount();
  } catch {
    throw problem('not-a-pdf', {}, 'The file is no readable PDF (its pages cannot be counted).');
  }
  if (pages > OUTLINE_LIMITS.maxPages)
    throw outlinePdfLimit(`${pages} pages, at most ${OUTLINE_LIMITS.maxPages}`);
}
