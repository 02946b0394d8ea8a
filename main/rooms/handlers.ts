// The rooms, event-log and poller channels of the contract, answered by the rooms feature. Inputs arrive
// validated by the dispatcher; every failure is an AppError the dispatcher turns into a Result.
import type { Handlers } from '../ipc/dispatcher.ts';
import type { RoomsService } from './service.ts';

export type RoomHandlers = Pick<
  Handlers,
  | 'roomsList'
  | 'roomsFocus'
  | 'roomPin'
  | 'roomDetail'
  | 'roomJoinFlow'
  | 'roomJoin'
  | 'roomAct'
  | 'eventLogList'
  | 'eventLogCsv'
  | 'pollerStatus'
  | 'pollerPause'
>;

export function roomHandlers(rooms: RoomsService): RoomHandlers {
  return {
    roomsList: () => rooms.list(),
    roomsFocus: ({ keys }) => rooms.focus(keys),
    roomPin: ({ key, pinned }) => rooms.pin(key, pinned),
    roomDetail: ({ key }) => rooms.detail(key),
    roomJoinFlow: ({ key, meetingId, passcode }) => rooms.joinFlow(key, meetingId, passcode),
    roomJoin: (input) => rooms.join(input),
    roomAct: ({ key, action }) => rooms.act(key, action),
    eventLogList: (query) => rooms.eventList(query ?? {}),
    eventLogCsv: (query) => rooms.eventCsv(query ?? {}),
    pollerStatus: () => rooms.status(),
    pollerPause: ({ paused }) => rooms.pause(paused),
  };
}
