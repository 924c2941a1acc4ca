package io.hvx.core;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the product knows about one GUID: its canonical form, the well-known name (VM alias
 * or in-box service), the vsock port when it is a template GUID, both byte orders and the
 * ready-to-paste forms users need in C, PowerShell and the registry.
 */
public record GuidFacts(Guid guid, Optional<VmAlias> alias, Optional<KnownService> service, OptionalLong vsockPort) {

    /** Registry key (under HKLM) holding the service registrations. */
    public static final String REGISTRY_KEY =
            "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices";

    public static GuidFacts of(Guid guid) {
        return new GuidFacts(guid, VmAlias.byGuid(guid), KnownService.byId(guid), VsockTemplate.portOf(guid));
    }

    /**
     * Reads what users type: a GUID (any case, braces optional), {@code vsock:PORT} (decimal or
     * {@code 0x} hex) or a VM alias such as {@code parent}.
     *
     * @throws InvalidInputException with a one-line sentence naming what was wrong
     */
    public static GuidFacts parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.regionMatches(true, 0, "vsock:", 0, 6)) {
            return of(VsockTemplate.guidForPort(parsePort(t.substring(6))));
        }
        Optional<VmAlias> alias = VmAlias.byName(t);
        if (alias.isPresent()) {
            return of(alias.get().guid());
        }
        Guid g = Guid.tryParse(t);
        if (g == null) {
            throw new InvalidInputException(Problem.of("error.guid.input", t));
        }
        return of(g);
    }

    /** Parses a vsock port: decimal or {@code 0x} hex, 0…0x7FFFFFFF. */
    public static long parsePort(String text) {
        String p = text.strip();
        long port;
        try {
            if (p.startsWith("0x") || p.startsWith("0X")) {
                port = Long.parseLong(p.substring(2), 16);
            } else {
                port = Long.parseLong(p);
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Problem.of("error.vsock.port.invalid", p));
        }
        if (!VsockTemplate.isValidPort(port)) {
            throw new InvalidInputException(Problem.of("error.vsock.port.range", p));
        }
        return port;
    }

    /** A short human name: the SDK constant, the service's ElementName, or null. */
    public String name() {
        if (alias.isPresent()) {
            return alias.get().sdkName();
        }
        if (service.isPresent()) {
            return service.get().elementName();
        }
        return null;
    }

    public String windowsHex() {
        return Hex.of(guid.toWindowsBytes());
    }

    public String rfc4122Hex() {
        return Hex.of(guid.toRfc4122Bytes());
    }

    /** {@code DEFINE_GUID(NAME, 0x…, …);} as the Windows SDK headers write it. */
    public String cDefineGuid(String symbol) {
        byte[] d4 = guid.data4();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "DEFINE_GUID(%s, 0x%08x, 0x%04x, 0x%04x",
                symbol, guid.data1(), guid.data2(), guid.data3()));
        for (byte b : d4) {
            sb.append(String.format(Locale.ROOT, ", 0x%02x", b & 0xff));
        }
        return sb.append(");").toString();
    }

    /** A C {@code GUID} struct initializer. */
    public String cInitializer() {
        byte[] d4 = guid.data4();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "{ 0x%08x, 0x%04x, 0x%04x, {",
                guid.data1(), guid.data2(), guid.data3()));
        for (int i = 0; i < d4.length; i++) {
            sb.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "0x%02x", d4[i] & 0xff));
        }
        return sb.append(" } }").toString();
    }

    /** {@code [Guid]'…'} for PowerShell. */
    public String powerShell() {
        return "[Guid]'" + guid + "'";
    }

    /** The registry key a registration of this GUID lives in. */
    public String registryPath() {
        return "HKEY_LOCAL_MACHINE\\" + REGISTRY_KEY + "\\" + guid;
    }

    /** A C symbol for {@link #cDefineGuid}: the SDK name, or one made from the port. */
    public String suggestedSymbol() {
        if (alias.isPresent()) {
            return alias.get().sdkName();
        }
        if (vsockPort.isPresent()) {
            return "HVX_SERVICE_VSOCK_" + vsockPort.getAsLong();
        }
        return "HVX_SERVICE_ID";
    }
}
