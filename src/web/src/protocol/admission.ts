// POST /api/admission: the first step into a meeting. No DOM here.
import { postJson, type ApiResult } from './api';

export interface AdmissionRequest {
  readonly meeting: string;
  readonly passcode: string;
  readonly displayName: string;
  /** The personal invitation token from the link's fragment, if the person came through one. */
  readonly invitation?: string;
}

/** A one-time pass for Knock on the meeting hub, the meeting's title and the role the person will have. */
export interface Admission {
  readonly pass: string;
  readonly title: string;
  readonly role: string;
  readonly waiting: boolean;
  /** The host's display name, so the waiting room can say whom the person waits for. */
  readonly hostName: string;
}

export function requestAdmission(request: AdmissionRequest): Promise<ApiResult<Admission>> {
  return postJson<Admission>('/api/admission', request);
}
