/** Cookies the browser sets for the server to read (never secrets). */

/** The room the user last opened in this browser (`/chat` opens it again if they are still a member). */
export const LAST_ROOM_COOKIE = "parley_last_room";
