package io.hvx.vm;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.HvxException;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.util.Locale;

/**
 * Maps a PowerShell error object to the sentence a user can act on. The match is on the
 * FullyQualifiedErrorId, the category and the exception type, never on the message: messages
 * are translated on non-English Windows.
 */
public final class PowerShellErrors {

    private PowerShellErrors() {
    }

    /** The exception to throw for {@code e}; {@code stderr} goes into the details. */
    public static OperationFailedException toException(PowerShellError e, String stderr) {
        String id = e.errorId().toLowerCase(Locale.ROOT);
        String category = e.category().toLowerCase(Locale.ROOT);
        String exception = e.exception().toLowerCase(Locale.ROOT);
        String detail = detail(e, stderr);
        if (id.startsWith("couldnotautoloadmatchingmodule") || id.startsWith("modules_")
                || exception.endsWith("filenotfoundexception") && id.contains("module")) {
            return new OperationFailedException(Problem.of("vms.error.moduleNotLoadable"), detail);
        }
        if (id.startsWith("commandnotfoundexception") || exception.endsWith(".commandnotfoundexception")) {
            return new OperationFailedException(Problem.of("vms.error.moduleMissing"), detail);
        }
        if (id.startsWith("accessdenied") || category.equals("permissiondenied")
                || exception.endsWith(".unauthorizedaccessexception") || hyperVObjectNotFound(id, exception)) {
            return new ElevationRequiredException(Problem.of("vms.error.permission"), detail);
        }
        if (id.startsWith("invalidparameter")) {
            return new OperationFailedException(Problem.of("vms.error.vmNotFound"), detail);
        }
        return new OperationFailedException(Problem.of("vms.error.powershell",
                e.errorId().isBlank() ? e.category() : e.errorId()), detail);
    }

    /**
     * The exception to throw for an error of the per-VM service policy scripts. The CIM cmdlets
     * report WMI failures as {@code HRESULT 0x8004xxxx,Microsoft.Management.Infrastructure.CimCmdlets…}:
     * WBEM_E_ACCESS_DENIED (0x80041003) or E_ACCESSDENIED (0x80070005) need an elevated
     * administrator or a member of Hyper-V Administrators (exit 3); WBEM_E_INVALID_NAMESPACE
     * (0x8004100E) means Hyper-V is not installed; WBEM_E_INVALID_CLASS (0x80041010) a Windows
     * older than the classes (Windows 10 / Server 2016). The {@code Hvx…} IDs are the scripts' own.
     *
     * @param moreDetail appended to the technical detail (what a set applied before it failed)
     */
    public static HvxException toPolicyException(PowerShellError e, String stderr, String moreDetail) {
        String id = e.errorId().toLowerCase(Locale.ROOT);
        String category = e.category().toLowerCase(Locale.ROOT);
        String exception = e.exception().toLowerCase(Locale.ROOT);
        String detail = detail(e, stderr) + (moreDetail == null ? "" : moreDetail);
        if (id.startsWith("hvxvmnotfound")) {
            return new InvalidInputException(Problem.of("vms.error.vmNotFound"), detail);
        }
        if (id.startsWith("hvxservicenotregistered")) {
            return new InvalidInputException(Problem.of("error.policy.notRegisteredOnHost"), detail);
        }
        if (id.startsWith("hvxjobfailed")) {
            return new OperationFailedException(Problem.of("error.policy.jobFailed", PowerShellProcess.head(e.message())), detail);
        }
        if (id.startsWith("hvxjobtimeout")) {
            return new OperationFailedException(Problem.of("error.policy.jobTimeout"), detail);
        }
        if (id.startsWith("hvxmethodfailed")) {
            return new OperationFailedException(Problem.of("error.policy.methodFailed", PowerShellProcess.head(e.message())), detail);
        }
        if (id.contains("0x80041003") || id.contains("0x80070005") || id.startsWith("accessdenied")
                || category.equals("permissiondenied") || exception.endsWith(".unauthorizedaccessexception")) {
            return new ElevationRequiredException(Problem.of("error.policy.permission"), detail);
        }
        if (id.contains("0x8004100e")) {
            return new OperationFailedException(Problem.of("error.policy.noNamespace"), detail);
        }
        if (id.contains("0x80041010")) {
            return new OperationFailedException(Problem.of("error.policy.noClass"), detail);
        }
        return new OperationFailedException(Problem.of("error.policy.powershell",
                e.errorId().isBlank() ? e.category() : e.errorId()), detail);
    }

    /**
     * Hyper-V's "encountered an error trying to access an object … because the object was not
     * found. The object might have been deleted, or you might not have permission to perform the
     * task" ({@code ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.…}, a
     * VirtualizationException): what Get-VM says to an account without the rights; its own
     * advice is to run as administrator. A missing cmdlet is also ObjectNotFound, but a
     * CommandNotFoundException, matched before this.
     */
    private static boolean hyperVObjectNotFound(String id, String exception) {
        return id.startsWith("objectnotfound,microsoft.hyperv.powershell")
                || id.startsWith("objectnotfound") && exception.endsWith(".virtualizationexception");
    }

    private static String detail(PowerShellError e, String stderr) {
        StringBuilder sb = new StringBuilder();
        sb.append("errorId: ").append(e.errorId()).append('\n');
        sb.append("category: ").append(e.category()).append('\n');
        sb.append("exception: ").append(e.exception()).append('\n');
        sb.append("message: ").append(e.message());
        String err = Clixml.toText(stderr);
        if (!err.isBlank()) {
            sb.append("\nstderr: ").append(PowerShellProcess.head(err));
        }
        return sb.toString();
    }
}
