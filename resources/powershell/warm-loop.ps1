# HvSocket Explorer: a long-lived PowerShell that answers inventory requests on stdin, so a refresh
# does not pay PowerShell's cold start. One request per line:
#   vms                  -> the output of get-vms.ps1
#   integration <GUID>   -> the output of get-integration-services.ps1 for that VM
#   policies <GUID|all>  -> the output of get-service-policies.ps1 for that VM, or every VM
#   set-policies <list>  -> the output of set-service-policies.ps1; <list> is
#                           "<vm guid>,<service guid>,<2|3|8>" items separated by ";"
#   exit                 -> ends the loop
# Each answer is one JSON line followed by the line <<hvx-end>>. The two scripts are embedded by
# the app from its own resources as literal here-strings (comment lines dropped, to stay well under
# the 32,767-character command line); request text is never turned into code: a VM ID is parsed
# as a [Guid] and handed over in $env:HVX_VM_ID, a change list is rebuilt from parsed GUIDs and
# numbers into $env:HVX_POLICY_CHANGES.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$hvxGetVms = [scriptblock]::Create(@'
@GET_VMS@
'@)
$hvxGetIs = [scriptblock]::Create(@'
@GET_INTEGRATION_SERVICES@
'@)
$hvxGetPolicies = [scriptblock]::Create(@'
@GET_SERVICE_POLICIES@
'@)
$hvxSetPolicies = [scriptblock]::Create(@'
@SET_SERVICE_POLICIES@
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
    } elseif ($parts[0] -eq 'policies' -and $parts.Length -eq 2) {
      if ($parts[1] -eq 'all') { $env:HVX_VM_ID = '' } else { $env:HVX_VM_ID = ([Guid]::Parse($parts[1])).ToString() }
      $out = & $hvxGetPolicies
    } elseif ($parts[0] -eq 'set-policies' -and $parts.Length -eq 2) {
      $items = @()
      foreach ($item in $parts[1].Split(';')) {
        $f = $item.Split(',')
        if ($f.Length -ne 3) { throw 'malformed change' }
        $items += ([Guid]::Parse($f[0]).ToString() + ',' + [Guid]::Parse($f[1]).ToString() + ',' + [int]::Parse($f[2]))
      }
      $env:HVX_POLICY_CHANGES = [string]::Join(';', $items)
      $out = & $hvxSetPolicies
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
