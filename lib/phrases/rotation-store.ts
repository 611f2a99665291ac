import { storage } from 'wxt/utils/storage';
import { emptyRotationState, type RotationState } from './rotation';

/**
 * Which variant each buyer got last (rotation.ts), in extension storage: small (rotation.ts caps
 * it at ROTATION_MAX_ENTRIES, dropping the oldest) and readable from content scripts without a
 * trip to the background. Two tabs writing at once may lose one entry: the worst case is that a
 * buyer hears the same words twice, never a wrong message.
 */
const rotationItem = storage.defineItem<RotationState>('local:phraseRotation', {
  fallback: emptyRotationState(),
});

export async function loadRotation(): Promise<RotationState> {
  const value = await rotationItem.getValue();
  return value?.v === 1 && value.last && typeof value.last === 'object' ? value : emptyRotationState();
}

export const saveRotation = (state: RotationState) => rotationItem.setValue(state);
