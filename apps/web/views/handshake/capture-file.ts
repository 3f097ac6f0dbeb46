/** A capture in the workspace: its explorer folder and its tab's data (kept apart from the editor, which loads on demand). */

/** The data of a capture tab. */
export interface CaptureFileData {
  name: string;
  text: string;
}

/** Explorer group of files the Handshake view opens (captures and the certificates in them). */
export const CAPTURE_GROUP = "capture";
