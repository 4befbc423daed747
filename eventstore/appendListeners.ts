/**
 * Listeners for `onAppended`. The appends they hear about are committed whatever a listener does:
 * a failing one is reported as a warning, never allowed to reject those appends.
 */
export const createAppendListeners = () => {
  const listeners = new Set<(head: number) => void>();
  return {
    add: (listener: (head: number) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify: (head: number) => {
      for (const l of listeners) {
        try {
          l(head);
        } catch (error) {
          process.emitWarning(`onAppended listener failed: ${String(error)}`);
        }
      }
    },
  };
};
