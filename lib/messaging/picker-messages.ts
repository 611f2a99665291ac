import { z } from 'zod';

/**
 * Background → content script: the keyboard command (Alt+K) asks the active tab to open the
 * phrase picker. Sent to every frame; only the frame whose editable field has the focus answers.
 */
export const pickerOpenRequest = z.object({ type: z.literal('picker:open') });
export type PickerOpenRequest = z.infer<typeof pickerOpenRequest>;
export const pickerOpenReply = z.object({ opened: z.boolean() });
export type PickerOpenReply = z.infer<typeof pickerOpenReply>;
