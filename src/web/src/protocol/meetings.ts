// /api/meetings (docs/PROTOCOL.md, Meetings). No DOM here.
import { request } from './request';

export interface NewMeeting {
  readonly title: string;
  readonly startsAt?: string;
  readonly durationMinutes?: number;
}

/** The answer to creating or rotating: the passcode is in it this once and never again. */
export interface MeetingSecrets {
  readonly code: string;
  readonly link: string;
  /** Null when the policy lets the meeting run without a passcode. */
  readonly passcode: string | null;
  readonly numericCode?: string | null;
}

export interface MeetingSummary {
  readonly code: string;
  readonly title: string;
  readonly link?: string;
  readonly startsAt?: string | null;
  readonly durationMinutes?: number | null;
  /** What the caller is to the meeting: "host", "coHost" or "invited". */
  readonly relation: string;
}

export interface Invitation {
  readonly id: string;
  readonly email: string;
  readonly createdAt?: string;
  readonly revoked?: boolean;
}

const path = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;

export const createMeeting = (meeting: NewMeeting) => request<MeetingSecrets>('POST', '/api/meetings', meeting);
export const myMeetings = () => request<MeetingSummary[]>('GET', '/api/meetings');
export const rotateMeeting = (code: string) => request<MeetingSecrets>('POST', `${path(code)}/rotate`);
export const invitations = (code: string) => request<Invitation[]>('GET', `${path(code)}/invitations`);
export const invite = (code: string, emails: string[]) => request<unknown>('POST', `${path(code)}/invitations`, { emails });
export const revokeInvitation = (code: string, id: string) =>
  request<unknown>('DELETE', `${path(code)}/invitations/${encodeURIComponent(id)}`);
export const calendarUrl = (code: string) => `${path(code)}/calendar.ics`;

/** Hosts and co-hosts manage the meeting: invitations, rotation, calendar. */
export const hosts = (meeting: MeetingSummary) => meeting.relation === 'host' || meeting.relation === 'coHost';
