/**
 * What every section of the desktop app shares. {@code docs/architecture.md} shows each
 * pattern with an example; in short:
 *
 * <h2>Adding a section</h2>
 * Implement {@link io.hvx.ui.common.Section} (id, title key, Feather icon, a view created once,
 * {@code onShow}, {@code dispose}) with a constructor taking the ports it needs plus the app's
 * {@link io.hvx.ui.common.TaskRunner} (and {@link io.hvx.ui.common.FxDialogService} when it asks
 * questions), and add one line to the list in {@code io.hvx.App}; the position in that list is
 * the navigation order and the Ctrl+digit shortcut. The composition root disposes the section
 * and closes what it created when the window closes.
 *
 * <h2>View model and view</h2>
 * The view model holds state as properties and one method per action; it asks the user through
 * {@link io.hvx.ui.common.DialogService}, runs blocking calls through the
 * {@link io.hvx.ui.common.TaskRunner} and keeps its last failure as an
 * {@link io.hvx.ui.common.ErrorText} property. The view binds to it, shows that property with
 * {@link io.hvx.ui.common.ErrorBanner#bind} and calls the action methods; the view model never
 * calls back into the view. Custom dialogs are a {@link io.hvx.ui.common.DialogService.Form}
 * (state, tested without the toolkit) and a view registered with
 * {@link io.hvx.ui.common.FxDialogService#register}.
 *
 * <h2>Look</h2>
 * The theme is AtlantaFX Primer (light or dark, {@link io.hvx.ui.common.Theme}). Style views with
 * AtlantaFX classes ({@code Styles.TITLE_3}, {@code Styles.TEXT_MUTED}, {@code Styles.ACCENT}…)
 * and the app's classes from {@code resources/css/app.css}: {@code card} and {@code card-title}
 * for grouped content, {@code mono} for hex and GUIDs, {@code value-field} for a read-only,
 * selectable value, {@code badge}. Spacing, padding and sizes go in the section's stylesheet,
 * not in Java. Use only theme colour variables ({@code -color-fg-muted},
 * {@code -color-bg-subtle}…) so both themes work. {@link io.hvx.ui.common.CopyButton} copies a
 * value with feedback.
 *
 * <h2>Tests and screenshots</h2>
 * View-model tests use {@code TestTasks} and {@code TestDialogs} (test sources, this package)
 * and {@code io.hvx.TestBackend}; headless GUI tests are {@code *FxTest} (TestFX + Monocle).
 * {@code docs/screenshots/make} redraws the pictures in {@code docs/screenshots/}.
 */
package io.hvx.ui.common;
