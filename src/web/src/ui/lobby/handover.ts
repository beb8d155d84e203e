// Admitted: the meeting view (ui/room) takes over on the same hub connection, with the camera and microphone the
// person prepared here (no second permission prompt, no second connection).
import type { MeetingHub } from '../../protocol/meetingHub';
import { enterMeeting } from '../room';
import type { PreparedMedia } from './prejoin';

export function handOver(root: HTMLElement, hub: MeetingHub, ticket: string, media: PreparedMedia): void {
  hub.stopAdmissionEvents();
  root.replaceChildren();
  root.dataset['state'] = 'meeting';
  enterMeeting(root, hub, ticket, media);
}
