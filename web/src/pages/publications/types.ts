import type { LintFinding } from '../../components/LintFindings.tsx';

export type PublicationState = 'scheduled' | 'public' | 'archived' | 'withdrawn';

export interface Publication {
  id: number;
  inspectionId: number;
  unitName: string;
  title: string;
  publicFrom: string;
  publicTo: string;
  status: 'published' | 'withdrawn';
  state: PublicationState;
  publishedAt: string;
  version: number;
  comments: { new: number; answered: number; handled: number };
}

export interface PublicComment {
  id: number;
  publicationId: number;
  content: string;
  name: string | null;
  contact: string | null;
  status: 'new' | 'answered' | 'handled';
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  createdAt: string;
  version: number;
}

export interface Preview {
  title: string;
  findings: LintFinding[];
  publicFrom: string | null;
  publicTo: string | null;
}

export interface Summary {
  published: number;
  comments: { total: number; open: number; handled: number };
}
