/**
 * The Jupyter messaging protocol's wire format (spec 5.3): multipart ZeroMQ messages
 * `[identities…, "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers…]`, signed with HMAC-SHA256
 * over the four JSON frames with the key from the connection file.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const DELIMITER = Buffer.from('<IDS|MSG>');
export const PROTOCOL_VERSION = '5.3';

/** A message header. */
export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded Jupyter message. */
export interface JupyterMessage<C = Record<string, unknown>> {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Hex HMAC-SHA256 of the four JSON frames (empty string when the key is empty, as the spec allows). */
export function sign(key: string, frames: ReadonlyArray<Buffer | string>): string {
  if (!key) return '';
  const h = createHmac('sha256', key);
  for (const f of frames) h.update(f);
  return h.digest('hex');
}

/** A new header for a request of type `msgType` in `session`. */
export function makeHeader(msgType: string, session: string): MessageHeader {
  return { msg_id: randomUUID(), msg_type: msgType, session, username: 'seglab', date: new Date().toISOString(), version: PROTOCOL_VERSION };
}

/** Encode a message to frames, signed with `key`. */
export function encodeMessage(
  key: string,
  msg: { header: MessageHeader; parent_header?: Partial<MessageHeader>; metadata?: Record<string, unknown>; content: unknown; identities?: Buffer[] },
): Buffer[] {
  const parts = [msg.header, msg.parent_header ?? {}, msg.metadata ?? {}, msg.content ?? {}].map((p) => Buffer.from(JSON.stringify(p)));
  return [...(msg.identities ?? []), DELIMITER, Buffer.from(sign(key, parts)), ...parts];
}

/** Thrown when a message's signature does not verify or its frames are malformed. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Decode and verify frames received from a kernel socket. */
export function decodeMessage(key: string, frames: ReadonlyArray<Buffer>): JupyterMessage {
  const d = frames.findIndex((f) => f.equals(DELIMITER));
  if (d < 0 || frames.length < d + 6) throw new ProtocolError(`malformed message: ${frames.length} frames, delimiter at ${d}`);
  const [hmac, header, parent, metadata, content] = frames.slice(d + 1, d + 6);
  if (key) {
    const expected = Buffer.from(sign(key, [header, parent, metadata, content]));
    if (expected.length !== hmac.length || !timingSafeEqual(expected, hmac)) throw new ProtocolError('message signature does not verify');
  }
  return {
    identities: frames.slice(0, d) as Buffer[],
    header: JSON.parse(header.toString('utf8')),
    parent_header: JSON.parse(parent.toString('utf8')),
    metadata: JSON.parse(metadata.toString('utf8')),
    content: JSON.parse(content.toString('utf8')),
    buffers: frames.slice(d + 6) as Buffer[],
  };
}
