package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.OperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerShellErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "CommandNotFoundException, ObjectNotFound, System.Management.Automation.CommandNotFoundException, vms.error.moduleMissing",
            "'', '', System.Management.Automation.CommandNotFoundException, vms.error.moduleMissing",
            "CouldNotAutoloadMatchingModule, ObjectNotFound, System.Management.Automation.CommandNotFoundException, vms.error.moduleNotLoadable",
            "Modules_ModuleNotFound, ResourceUnavailable, System.IO.FileNotFoundException, vms.error.moduleNotLoadable",
            "'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVM', PermissionDenied, Microsoft.HyperV.PowerShell.VirtualizationException, vms.error.permission",
            "'SomethingElse', PermissionDenied, x, vms.error.permission",
            "'', '', System.UnauthorizedAccessException, vms.error.permission",
            "'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVM', ObjectNotFound, Microsoft.HyperV.PowerShell.VirtualizationException, vms.error.permission",
            "ObjectNotFound, ObjectNotFound, Microsoft.HyperV.PowerShell.VirtualizationException, vms.error.permission",
            "'ObjectNotFound,Some.Other.Module', ObjectNotFound, Some.Other.Exception, vms.error.powershell",
            "'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM', InvalidArgument, Microsoft.HyperV.PowerShell.VirtualizationException, vms.error.vmNotFound",
            "'OperationTimeout,Microsoft.HyperV.PowerShell.Commands.GetVM', OperationTimeout, Microsoft.HyperV.PowerShell.VirtualizationException, vms.error.powershell",
    })
    void mapsOnIdCategoryAndExceptionType(String id, String category, String exception, String key) {
        OperationFailedException e = PowerShellErrors.toException(
                new PowerShellError(id, category, exception, "a localized message we must not read"), "");
        assertThat(e.problem().key()).isEqualTo(key);
        assertThat(e instanceof ElevationRequiredException).isEqualTo(key.equals("vms.error.permission"));
        assertThat(e.detail()).contains("a localized message we must not read");
    }

    @ParameterizedTest
    @CsvSource({"The term 'Get-VM' is not recognized", "You do not have the required permission"})
    void theMessageAloneNeverDecides(String message) {
        OperationFailedException e = PowerShellErrors.toException(new PowerShellError("X", "NotSpecified", "Y", message), "");
        assertThat(e.problem().key()).isEqualTo("vms.error.powershell");
    }
}
