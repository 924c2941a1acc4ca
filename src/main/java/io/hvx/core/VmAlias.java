package io.hvx.core;

import java.util.Locale;
import java.util.Optional;

/** The well-known VM IDs ({@code HV_GUID_*} of the Windows SDK {@code hvsocket.h}). */
public enum VmAlias {
    WILDCARD("wildcard", "HV_GUID_WILDCARD", "00000000-0000-0000-0000-000000000000",
            Messages.key("alias.wildcard.help")),
    BROADCAST("broadcast", "HV_GUID_BROADCAST", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            Messages.key("alias.broadcast.help")),
    CHILDREN("children", "HV_GUID_CHILDREN", "90db8b89-0d35-4f79-8ce9-49ea0ac8b7cd",
            Messages.key("alias.children.help")),
    LOOPBACK("loopback", "HV_GUID_LOOPBACK", "e0e16197-dd56-4a10-9195-5ee7a155a838",
            Messages.key("alias.loopback.help")),
    PARENT("parent", "HV_GUID_PARENT", "a42e7cda-d03f-480c-9cc2-a4de20abb878",
            Messages.key("alias.parent.help")),
    SILOHOST("silohost", "HV_GUID_SILOHOST", "36bd0c5c-7276-4223-88ba-7d03b654c568",
            Messages.key("alias.silohost.help"));

    private final String alias;
    private final String sdkName;
    private final Guid guid;
    private final String helpKey;

    VmAlias(String alias, String sdkName, String guid, String helpKey) {
        this.alias = alias;
        this.sdkName = sdkName;
        this.guid = Guid.parse(guid);
        this.helpKey = helpKey;
    }

    /** The alias users type, e.g. {@code parent}. */
    public String alias() {
        return alias;
    }

    /** The SDK constant, e.g. {@code HV_GUID_PARENT}. */
    public String sdkName() {
        return sdkName;
    }

    public Guid guid() {
        return guid;
    }

    /** Message key of a one-line explanation. */
    public String helpKey() {
        return helpKey;
    }

    /** The alias with this name (case-insensitive; {@code zero} and {@code silo-host} accepted). */
    public static Optional<VmAlias> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (n.equals("zero")) {
            return Optional.of(WILDCARD);
        }
        for (VmAlias a : values()) {
            if (a.alias.equals(n) || a.sdkName.toLowerCase(Locale.ROOT).replace("_", "").equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The alias whose GUID this is, if any. */
    public static Optional<VmAlias> byGuid(Guid guid) {
        for (VmAlias a : values()) {
            if (a.guid.equals(guid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
