// Admitted: the meeting view takes over with the join ticket and the media the person prepared.
import type { MeetingHub } from '../../protocol/meetingHub';
import type { PreparedMedia } from './prejoin';

/**
 * Until the rewritten meeting view (ui/room) takes a connected hub, the meeting page joins by itself with the
 * ticket in its fragment (never sent to the server); this page releases its camera, microphone and connection first.
 */
export async function enterMeeting(_root: HTMLElement, hub: MeetingHub, ticket: string, media: PreparedMedia): Promise<void> {
  for (const track of media.stream?.getTracks() ?? []) track.stop();
  hub.stopAdmissionEvents();
  await hub.disconnect();
  window.location.assign('/meeting#ticket=' + encodeURIComponent(ticket));
}
