import { ToastsView } from './toasts-view';
import type { EditingWorkspace } from './use-editing-workspace';

/** What the workspace shows over the map: the confirmation toasts (the editor lives in the side panel). */
export function EditingOverlay({ workspace }: { workspace: EditingWorkspace }) {
  return <ToastsView toasts={workspace.toasts} />;
}
