import {
  envelopeSchema,
  protocol,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from './protocol';

export type Handlers = {
  [K in MessageType]: (
    data: z_Out<K>,
    sender: { tabId?: number; url?: string },
  ) => Promise<ResponseOf<K>> | ResponseOf<K>;
};
type z_Out<K extends MessageType> = RequestOf<K>;

/**
 * Turns the handler map into a runtime.onMessage listener: validates the envelope and the
 * request, runs the handler, and always answers with a Reply (never throws across contexts).
 */
export function createMessageRouter(handlers: Handlers) {
  return async (
    message: unknown,
    sender: { tab?: { id?: number }; url?: string },
  ): Promise<Reply<unknown>> => {
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success || !(envelope.data.type in protocol)) {
      return { ok: false, error: '无法识别的消息' };
    }
    const type = envelope.data.type as MessageType;
    const request = protocol[type].request.safeParse(envelope.data.data);
    if (!request.success) {
      return { ok: false, error: `消息「${type}」的内容不正确：${request.error.issues[0]?.message ?? ''}` };
    }
    try {
      const handler = handlers[type] as (d: unknown, s: { tabId?: number; url?: string }) => unknown;
      const data = await handler(request.data, { tabId: sender.tab?.id, url: sender.url });
      return { ok: true, data };
    } catch (error) {
      console.error('[kefu] handler failed', type, error);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
