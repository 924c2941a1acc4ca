package io.hvx.ui.tester;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.ui.common.ChoicePicker;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Tester section's view: the title, the target shared by both tabs (VM, service, connect
 * timeout), and the Test and Doctor tabs.
 */
public final class TesterView extends BorderPane {

    /** The section's stylesheet; its dialog's view adds it too. */
    static final String STYLESHEET = Objects.requireNonNull(TesterView.class.getResource("/css/tester.css")).toExternalForm();

    private final TabPane tabs = new TabPane();
    private final Tab doctorTab;

    public TesterView(TesterViewModel tester, DoctorViewModel doctor) {
        setId("tester-view");
        getStyleClass().add("tester-view");
        getStylesheets().add(STYLESHEET);

        Label title = new Label(Messages.get("tester.nav.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label(Messages.get("tester.ui.subtitle"));
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        HBox header = new HBox(title, subtitle);
        header.getStyleClass().add("tester-header");
        header.setAlignment(Pos.BASELINE_LEFT);
        VBox top = new VBox(header, targetBar(tester));
        top.getStyleClass().add("tester-top");
        setTop(top);

        Tab test = new Tab(Messages.get("tester.ui.tab.test"), new TestPane(tester));
        test.setId("tester-tab-test");
        test.setGraphic(new FontIcon(Feather.ACTIVITY));
        doctorTab = new Tab(Messages.get("tester.ui.tab.doctor"), new DoctorPane(tester, doctor));
        doctorTab.setId("tester-tab-doctor");
        doctorTab.setGraphic(new FontIcon(Feather.LIFE_BUOY));
        tabs.getTabs().addAll(test, doctorTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        tabs.setId("tester-tabs");
        setCenter(tabs);
    }

    private static HBox targetBar(TesterViewModel m) {
        ComboBox<VmChoice> vm = new ComboBox<>(m.vmChoices());
        vm.setId("tester-vm");
        ChoicePicker.bind(vm, m.vmProperty(), VmChoice::label, VmChoice::typed);
        vm.setPromptText(Messages.get("conn.vm.prompt"));
        vm.setTooltip(new Tooltip(Messages.get("conn.vm.tooltip")));
        vm.getStyleClass().add("tester-vm");
        ComboBox<ServiceChoice> service = new ComboBox<>(m.serviceChoices());
        service.setId("tester-service");
        ChoicePicker.bind(service, m.serviceProperty(), ServiceChoice::label, ServiceChoice::typed);
        service.setPromptText(Messages.get("conn.service.prompt"));
        service.setTooltip(new Tooltip(Messages.get("conn.service.tooltip")));
        service.getStyleClass().add("tester-service");
        TextField timeout = new TextField();
        timeout.setId("tester-timeout");
        timeout.promptTextProperty().bind(Bindings.createStringBinding(
                () -> Long.toString(m.defaultTimeoutProperty().get().toMillis()), m.defaultTimeoutProperty()));
        timeout.textProperty().bindBidirectional(m.timeoutProperty());
        timeout.setTooltip(new Tooltip(Messages.get("conn.timeout.tooltip")));
        timeout.getStyleClass().add("tester-timeout");
        vm.disableProperty().bind(m.runningProperty());
        service.disableProperty().bind(m.runningProperty());
        timeout.disableProperty().bind(m.runningProperty());
        HBox bar = new HBox(label("conn.vm.label"), vm, label("conn.service.label"), service,
                label("conn.timeout.label"), timeout);
        bar.getStyleClass().add("tester-target");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    static Label label(String key) {
        Label l = new Label(Messages.get(key));
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /** Brings the Doctor tab to the front. */
    public void showDoctor() {
        tabs.getSelectionModel().select(doctorTab);
    }
}
