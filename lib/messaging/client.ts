import { browser } from 'wxt/browser';
import { protocol, replySchema, type MessageType, type RequestOf, type ResponseOf } from './protocol';

export class MessageError extends Error {
  override name = 'MessageError';
}

/** Sends a typed request to the background and returns its validated response. */
export async function sendMessage<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const spec = protocol[type];
  const request = spec.request.parse(data);
  const raw: unknown = await browser.runtime.sendMessage({ type, data: request });
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError(`后台没有正确回复「${type}」`);
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return spec.response.parse(reply.data.data) as ResponseOf<K>;
}
