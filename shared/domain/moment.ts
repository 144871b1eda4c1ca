/** The instant a change happens, and where its event ids come from. */
export interface Moment {
  readonly now: Date;
  readonly newEventId: () => string;
}
