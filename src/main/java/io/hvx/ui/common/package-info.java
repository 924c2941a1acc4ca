/**
 * What every section of the desktop app shares.
 *
 * <h2>Adding a section</h2>
 * Implement {@link io.hvx.ui.common.Section} (id, title key, Feather icon, a view created once,
 * {@code onShow}, {@code dispose}) with a constructor taking the ports it needs, and add one line
 * to {@code io.hvx.App.sections(Backend, Navigator)}; the position in that list is the
 * navigation order and the Ctrl+digit shortcut. To send the user to the GUID workbench, take a
 * {@code Consumer<String>} and pass {@code guid::open} from {@code App}.
 *
 * <h2>Look</h2>
 * The theme is AtlantaFX Primer (light or dark, {@link io.hvx.ui.common.Theme}). Style views with
 * AtlantaFX classes ({@code Styles.TITLE_3}, {@code Styles.TEXT_MUTED}, {@code Styles.ACCENT}…)
 * and the app's classes from {@code resources/css/app.css}: {@code card} and {@code card-title}
 * for grouped content, {@code mono} for hex and GUIDs, {@code value-field} for a read-only,
 * selectable value, {@code badge}. Use only theme colour variables ({@code -color-fg-muted},
 * {@code -color-bg-subtle}…) so both themes work. {@link io.hvx.ui.common.CopyButton} copies a
 * value with feedback.
 *
 * <h2>Work and errors</h2>
 * Blocking work goes through {@link io.hvx.ui.common.UiTasks#run}. Show failures that belong to
 * a view in an {@link io.hvx.ui.common.ErrorBanner} ({@code banner::show} is a ready failure
 * callback); failures of an action in a dialog with
 * {@link io.hvx.ui.common.ErrorDialog#show(javafx.stage.Window, Throwable)}. Both read the
 * sentence and detail of an {@code HvxException} through {@link io.hvx.ui.common.ErrorText}.
 *
 * <h2>Tests and screenshots</h2>
 * Headless GUI tests are {@code *FxTest} (TestFX + Monocle). {@code io.hvx.ui.Screenshots}
 * (test sources) writes a PNG of a scene or node: to {@code target/screenshots/} normally, to
 * {@code docs/screenshots/} with {@code -Dhvx.screenshots=true}.
 */
package io.hvx.ui.common;
