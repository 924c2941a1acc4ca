package io.hvx.ui.services;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.ServiceFormats;
import io.hvx.core.ServiceRegistration;
import io.hvx.ui.common.DialogService;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The state of the Add dialog, validated live: a new GUID, a given GUID or a vsock port, and a
 * friendly name; shows the registry path the entry will be written to. No toolkit needed;
 * {@link AddServiceView} shows it.
 *
 * <p>What is wrong is known at once ({@link #validProperty()} keeps OK disabled), but a field's
 * problem is only <em>shown</em> once the user has touched that field (typed in it or left
 * it): an empty form opens without a complaint.
 */
public final class AddServiceForm implements DialogService.Form {

    /** Where the service id comes from. */
    public enum Source { NEW, GIVEN, VSOCK_PORT }

    private final List<ServiceRegistration> existing;
    private final ServiceFormats formats;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.NEW);
    private final ObjectProperty<Guid> generated = new SimpleObjectProperty<>(Guid.random());
    private final StringProperty givenId = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty idProblem = new SimpleStringProperty();
    private final StringProperty nameProblem = new SimpleStringProperty();
    private final StringProperty shownIdProblem = new SimpleStringProperty();
    private final StringProperty shownNameProblem = new SimpleStringProperty();
    private boolean nameTouched;
    private boolean givenTouched;
    private boolean portTouched;
    private final StringProperty registryPath = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private Guid resolved;

    /**
     * @param existing the current registrations, to flag duplicates while typing
     * @param formats  the input rules
     */
    public AddServiceForm(List<ServiceRegistration> existing, ServiceFormats formats) {
        this.existing = List.copyOf(existing);
        this.formats = formats;
        source.addListener((o, a, b) -> validate());
        generated.addListener((o, a, b) -> validate());
        givenId.addListener((o, a, b) -> {
            givenTouched = true;
            validate();
        });
        port.addListener((o, a, b) -> {
            portTouched = true;
            validate();
        });
        name.addListener((o, a, b) -> touchName());
        validate();
    }

    @Override
    public String title() {
        return Messages.get("services.add.title");
    }

    @Override
    public String header() {
        return Messages.get("services.add.header");
    }

    @Override
    public String okText() {
        return Messages.get("services.add.ok");
    }

    @Override
    public ObservableBooleanValue okAllowed() {
        return valid;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public ObjectProperty<Guid> generatedProperty() {
        return generated;
    }

    public StringProperty givenIdProperty() {
        return givenId;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** What is wrong with the service id now (the chosen source), as a sentence, or null. */
    public ReadOnlyStringProperty idProblemProperty() {
        return idProblem;
    }

    /** What is wrong with the name now, as a sentence, or null. */
    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem;
    }

    /** The id's problem as shown: null until the user touched the field of the chosen source. */
    public ReadOnlyStringProperty shownIdProblemProperty() {
        return shownIdProblem;
    }

    /** The name's problem as shown: null until the user touched the name field. */
    public ReadOnlyStringProperty shownNameProblemProperty() {
        return shownNameProblem;
    }

    /** The first problem shown (id, then name), or null. */
    public String problem() {
        return shownIdProblem.get() != null ? shownIdProblem.get() : shownNameProblem.get();
    }

    /** The user typed in or left the name field: its problem shows from now on. */
    public void touchName() {
        nameTouched = true;
        validate();
    }

    /** The user left the field of the chosen source (given GUID or vsock port): its problem shows from now on. */
    public void touchId() {
        switch (source.get()) {
            case GIVEN -> givenTouched = true;
            case VSOCK_PORT -> portTouched = true;
            case NEW -> { } // nothing to type: a problem of the generated GUID shows anyway
        }
        validate();
    }

    public ReadOnlyStringProperty registryPathProperty() {
        return registryPath;
    }

    public ObservableBooleanValue validProperty() {
        return valid;
    }

    /** Fills in {@code id} (as a vsock port when it is a template GUID) and {@code name}. */
    public void prefill(Guid id, String proposedName) {
        java.util.OptionalLong p = io.hvx.core.VsockTemplate.portOf(id);
        if (p.isPresent()) {
            port.set(Long.toString(p.getAsLong()));
            source.set(Source.VSOCK_PORT);
        } else {
            givenId.set(id.toString());
            source.set(Source.GIVEN);
        }
        name.set(proposedName == null ? "" : proposedName);
    }

    /** A fresh random GUID for the "new GUID" choice. */
    public void regenerate() {
        generated.set(Guid.random());
    }

    /** The id to register (valid only when {@link #validProperty()} is true). */
    public Guid id() {
        return resolved;
    }

    /** The trimmed name. */
    public String name() {
        return name.get() == null ? "" : name.get().strip();
    }

    private void validate() {
        resolved = null;
        Problem p = null;
        try {
            resolved = switch (source.get()) {
                case NEW -> generated.get();
                case GIVEN -> givenId.get() == null || givenId.get().isBlank() ? null : formats.parseId(givenId.get());
                case VSOCK_PORT -> port.get() == null || port.get().isBlank() ? null : formats.vsockPortId(port.get());
            };
            if (resolved == null) {
                p = Problem.of(source.get() == Source.GIVEN ? "services.add.needGuid" : "services.add.needPort");
            }
        } catch (HvxException e) {
            p = e.problem(); // the typed id is wrong: that is the sentence to show, nothing else is lost
        }
        if (resolved != null) {
            Guid id = resolved;
            var dup = existing.stream().filter(r -> r.id().equals(id)).findFirst();
            if (dup.isPresent()) {
                p = Problem.of("error.services.duplicate", id, dup.get().name() == null ? "" : dup.get().name());
            }
            registryPath.set(GuidFacts.of(id).registryPath());
        } else {
            registryPath.set("");
        }
        Problem n = formats.nameProblem(name.get());
        idProblem.set(p == null ? null : p.message());
        nameProblem.set(n == null ? null : n.message());
        boolean idTouched = switch (source.get()) {
            case NEW -> true;
            case GIVEN -> givenTouched;
            case VSOCK_PORT -> portTouched;
        };
        shownIdProblem.set(idTouched ? idProblem.get() : null);
        shownNameProblem.set(nameTouched ? nameProblem.get() : null);
        valid.set(p == null && n == null);
    }

    /** The label of a source choice. */
    public static String label(Source s) {
        return switch (s) {
            case NEW -> Messages.get("services.add.source.new");
            case GIVEN -> Messages.get("services.add.source.given");
            case VSOCK_PORT -> Messages.get("services.add.source.port");
        };
    }
}
