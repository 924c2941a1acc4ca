# HvSocket Explorer: a long-lived PowerShell that answers inventory requests on stdin, so a refresh
# does not pay PowerShell's cold start. One request per line:
#   vms                  -> the output of get-vms.ps1
#   integration <GUID>   -> the output of get-integration-services.ps1 for that VM
#   exit                 -> ends the loop
# Each answer is one JSON line followed by the line <<hvx-end>>. The two scripts are embedded by
# the app from its own resources as literal here-strings (comment lines dropped, to stay well under
# the 32,767-character command line); request text is never turned into code: the VM ID is parsed
# as a [Guid] and handed over in $env:HVX_VM_ID.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$hvxGetVms = [scriptblock]::Create(@'
@GET_VMS@
'@)
$hvxGetIs = [scriptblock]::Create(@'
@GET_INTEGRATION_SERVICES@
'@)
$hvxSentinel = '<<hvx-end>>'
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($null -eq $line) { break }
  $parts = $line.Trim().Split(' ')
  if ($parts[0] -eq 'exit') { break }
  try {
    if ($parts[0] -eq 'vms') {
      $out = & $hvxGetVms
    } elseif ($parts[0] -eq 'integration' -and $parts.Length -eq 2) {
      $env:HVX_VM_ID = ([Guid]::Parse($parts[1])).ToString()
      $out = & $hvxGetIs
    } else {
      $out = '{"ok":false,"errorId":"HvxUnknownRequest","category":"InvalidArgument","exception":"","message":"unknown request"}'
    }
  } catch {
    $out = '{"ok":false,"errorId":"HvxLoopError","category":"NotSpecified","exception":"","message":"request failed"}'
  }
  [Console]::Out.WriteLine([string]::Join('', @($out)))
  [Console]::Out.WriteLine($hvxSentinel)
  [Console]::Out.Flush()
}
