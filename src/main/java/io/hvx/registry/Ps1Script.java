package io.hvx.registry;

import io.hvx.core.GuidFacts;
import io.hvx.core.ServiceRegistration;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A PowerShell script that registers services on another machine: it says how to run it under
 * the default execution policy ({@code powershell -ExecutionPolicy Bypass -File …}, elevated),
 * checks that it runs elevated, opens the 64-bit registry view (so a 32-bit PowerShell writes the
 * right key), and is idempotent. Every value is a single-quoted literal with its quotes doubled, so no name can
 * inject code.
 */
public final class Ps1Script {

    private static final String CRLF = "\r\n";
    /** The file name the run instructions show; users keep whatever name they saved it under. */
    private static final String FILE_NAME_HINT = "hvsocket-services.ps1";

    private Ps1Script() {
    }

    /**
     * A PowerShell single-quoted literal of {@code s}. PowerShell treats the typographic single
     * quotes (U+2018…U+201B) like {@code '}, so they are doubled too; nothing else is special
     * inside single quotes.
     */
    public static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSingleQuote(c)) {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** The characters PowerShell's tokenizer accepts as a single quote. */
    public static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    /** The script registering {@code entries}, UTF-8 with BOM (so Windows PowerShell 5.1 reads non-ASCII right). */
    public static byte[] write(List<ServiceRegistration> entries) {
        StringBuilder sb = new StringBuilder();
        line(sb, "# Registers Hyper-V socket services (written by HvSocket Explorer).");
        line(sb, "# Run it on the Hyper-V host in a PowerShell started with \"Run as administrator\":");
        line(sb, "#   powershell -ExecutionPolicy Bypass -File .\\" + FILE_NAME_HINT);
        line(sb, "# Windows' default execution policy refuses to run a script file; -ExecutionPolicy Bypass");
        line(sb, "# lifts that for this one run only. Running it again changes nothing.");
        line(sb, "$ErrorActionPreference = 'Stop'");
        line(sb, "");
        line(sb, "$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()");
        line(sb, "if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {");
        line(sb, "    [Console]::Error.WriteLine('This script writes HKLM: run it in PowerShell started with \"Run as administrator\": powershell -ExecutionPolicy Bypass -File ' + $PSCommandPath)");
        line(sb, "    exit 3");
        line(sb, "}");
        line(sb, "");
        line(sb, "# Always the 64-bit view: a 32-bit PowerShell would otherwise write under WOW6432Node.");
        line(sb, "$hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)");
        line(sb, "$root = $hklm.OpenSubKey(" + literal(GuidFacts.REGISTRY_KEY) + ", $true)");
        line(sb, "if ($null -eq $root) {");
        line(sb, "    [Console]::Error.WriteLine('GuestCommunicationServices was not found: is Hyper-V installed on this machine?')");
        line(sb, "    exit 1");
        line(sb, "}");
        line(sb, "");
        line(sb, "function Register-HvSocketService([string]$Id, [string]$Name, [string]$CreatedBy, [string]$CreatedAt) {");
        line(sb, "    $key = $root.CreateSubKey($Id)");
        line(sb, "    try {");
        line(sb, "        $old = $key.GetValue('ElementName')");
        line(sb, "        if ($old -ceq $Name) { Write-Output \"unchanged $Id\"; return }");
        line(sb, "        $key.SetValue('ElementName', $Name, [Microsoft.Win32.RegistryValueKind]::String)");
        line(sb, "        if ($CreatedBy -and $null -eq $key.GetValue('CreatedBy')) {");
        line(sb, "            $key.SetValue('CreatedBy', $CreatedBy, [Microsoft.Win32.RegistryValueKind]::String)");
        line(sb, "            $key.SetValue('CreatedAt', $CreatedAt, [Microsoft.Win32.RegistryValueKind]::String)");
        line(sb, "        }");
        line(sb, "        if ($null -eq $old) { Write-Output \"added $Id\" } else { Write-Output \"renamed $Id\" }");
        line(sb, "    } finally {");
        line(sb, "        $key.Close()");
        line(sb, "    }");
        line(sb, "}");
        line(sb, "");
        for (ServiceRegistration r : entries) {
            if (r.kind() == ServiceRegistration.Kind.BUILTIN) {
                line(sb, "# " + r.id() + " is built into Windows and is left as it is.");
                continue;
            }
            if (r.name() == null) {
                line(sb, "# " + r.id() + " has no ElementName and is not registered by this script.");
                continue;
            }
            line(sb, "Register-HvSocketService " + literal(r.id().toString()) + " " + literal(r.name()) + " "
                    + literal(r.createdBy() == null ? "" : r.createdBy()) + " "
                    + literal(r.createdAt() == null ? "" : r.createdAt()));
        }
        line(sb, "$root.Close()");
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append(CRLF);
    }
}
