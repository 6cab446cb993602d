/**
 * Keeps one broken part from blanking the panel: shows what failed, in words, where the part
 * would be. `resetKey` clears the error when the user moves on (e.g. selects another request).
 */
import { Component, type ComponentChildren } from 'preact';

interface Props {
  /** What could not be shown, e.g. "this request". */
  what: string;
  resetKey?: unknown;
  children?: ComponentChildren;
}

export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state = { error: null as unknown };

  static override getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const message = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
    return (
      <div class="notice error" role="alert" data-testid="render-error">
        Could not show {this.props.what}: {message}. The rest of the panel still works; please report this with the request (Export).
      </div>
    );
  }
}
