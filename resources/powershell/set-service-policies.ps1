# HvSocket Explorer: sets per-VM policies of registered hvsocket services through Hyper-V's WMI
# provider (root\virtualization\v2), as exactly one JSON document on stdout.
# The changes arrive in the environment variable HVX_POLICY_CHANGES (never spliced into the script
# text): "<vm guid>,<service guid>,<policy>" items separated by ";", each GUID parsed as a [Guid] and
# each policy checked to be 2 (enabled), 3 (disabled) or 8 (deferred) before anything is written.
# For each VM: its Msvm_GuestCommunicationServiceSettingData instances get the new EnabledStatePolicy
# and go back through Msvm_VirtualSystemManagementService.ModifyGuestServiceSettings; a service that
# is registered on the host (GuestCommunicationServices key) but has no setting for the VM yet gets
# a new one through AddGuestServiceSettings (AffectedConfiguration = the VM's settings). A method that
# returns 4096 started a job: it is waited for (at most 60 s), and a job that does not complete is
# reported with its ErrorDescription.
# Contract (keep stable): success {"ok":true,"psVersion":"...","applied":[{"Vm":"<guid>",
# "Service":"<guid>","Policy":2|3|8,"Via":"modify"|"add"}]}; failure: the error object of
# get-service-policies.ps1 with errorId HvxVmNotFound, HvxServiceNotRegistered, HvxMethodFailed
# (message: method and return code), HvxJobFailed (message: the job's error text), HvxJobTimeout,
# HvxBadRequest, or the cmdlet's own FullyQualifiedErrorId, plus "applied": what was done before it.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$ns = 'root\virtualization\v2'
$key = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Virtualization\GuestCommunicationServices'
function Out-AsciiJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 6 -Compress
  [regex]::Replace($j, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
function Stop-Hvx($id, $category, $message) {
  $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Exception $message), $id,
    [System.Management.Automation.ErrorCategory]$category, $null)
  throw $record
}
function ConvertTo-HvxEmbedded($instance) {
  $serializer = [Microsoft.Management.Infrastructure.Serialization.CimSerializer]::Create()
  $bytes = $serializer.Serialize($instance, [Microsoft.Management.Infrastructure.Serialization.InstanceSerializationOptions]::None)
  [System.Text.Encoding]::Unicode.GetString($bytes)
}
function Wait-HvxMethod($result, $method) {
  $rv = [int]$result.ReturnValue
  if ($rv -eq 0) { return }
  if ($rv -ne 4096) { Stop-Hvx 'HvxMethodFailed' 'InvalidResult' ($method + ' returned ' + $rv) }
  $job = $result.Job | Get-CimInstance
  $deadline = [DateTime]::UtcNow.AddSeconds(60)
  # JobState: 2 New, 3 Starting, 4 Running, 5 Suspended, 6 Shutting Down, 7 Completed
  while (@(2, 3, 4, 5, 6) -contains [int]$job.JobState) {
    if ([DateTime]::UtcNow -gt $deadline) { Stop-Hvx 'HvxJobTimeout' 'OperationTimeout' ($method + ' did not finish within 60 s') }
    Start-Sleep -Milliseconds 200
    $job = $job | Get-CimInstance
  }
  if ([int]$job.JobState -ne 7) {
    $text = [string]$job.ErrorDescription
    if ([string]::IsNullOrEmpty($text)) { $text = [string]$job.ErrorSummaryDescription }
    Stop-Hvx 'HvxJobFailed' 'InvalidResult' ($method + ' job ended in state ' + [int]$job.JobState + ', error ' + [int]$job.ErrorCode + ': ' + $text)
  }
}
$applied = @()
try {
  $changes = @()
  foreach ($item in ([string]$env:HVX_POLICY_CHANGES).Split(';')) {
    if ($item.Trim().Length -eq 0) { continue }
    $parts = $item.Split(',')
    $policy = 0
    if ($parts.Length -ne 3 -or -not [int]::TryParse($parts[2], [ref]$policy) -or @(2, 3, 8) -notcontains $policy) {
      Stop-Hvx 'HvxBadRequest' 'InvalidArgument' 'malformed change'
    }
    $changes += ,[pscustomobject]@{ Vm = [Guid]::Parse($parts[0]); Service = [Guid]::Parse($parts[1]); Policy = [uint16]$policy }
  }
  $vmms = Get-CimInstance -Namespace $ns -ClassName Msvm_VirtualSystemManagementService | Select-Object -First 1
  # @(...) around the whole pipeline: no changes give an empty list, not a list holding $null
  $byVm = @($changes | Group-Object -Property { $_.Vm.ToString() })
  foreach ($group in $byVm) {
    $vmId = [Guid]::Parse($group.Name)
    $cs = @(Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem | Where-Object {
      $g = [Guid]::Empty; [Guid]::TryParse([string]$_.Name, [ref]$g) -and $g -eq $vmId }) | Select-Object -First 1
    if ($null -eq $cs) { Stop-Hvx 'HvxVmNotFound' 'ObjectNotFound' ('no VM has the ID ' + $vmId) }
    $vssd = @($cs | Get-CimAssociatedInstance -ResultClassName Msvm_VirtualSystemSettingData -Association Msvm_SettingsDefineState) | Select-Object -First 1
    $settings = @()
    $gsi = @($vssd | Get-CimAssociatedInstance -ResultClassName Msvm_GuestServiceInterfaceComponentSettingData) | Select-Object -First 1
    if ($null -ne $gsi) {
      $settings = @($gsi | Get-CimAssociatedInstance -ResultClassName Msvm_GuestCommunicationServiceSettingData -Association Msvm_GuestServiceInterfaceSettingDataComponent)
    }
    if ($settings.Count -eq 0) {
      $settings = @($vssd | Get-CimAssociatedInstance -ResultClassName Msvm_GuestCommunicationServiceSettingData)
    }
    $modify = @()
    $add = @()
    $done = @()
    foreach ($c in @($group.Group)) {
      $sd = $settings | Where-Object { $g = [Guid]::Empty; [Guid]::TryParse([string]$_.Name, [ref]$g) -and $g -eq $c.Service } | Select-Object -First 1
      if ($null -ne $sd) {
        $sd.EnabledStatePolicy = $c.Policy
        $modify += ,(ConvertTo-HvxEmbedded $sd)
        $done += ,[ordered]@{ Vm = $vmId.ToString(); Service = $c.Service.ToString(); Policy = [int]$c.Policy; Via = 'modify' }
      } elseif (Test-Path -LiteralPath ($key + '\' + $c.Service.ToString())) {
        $new = Get-CimClass -Namespace $ns -ClassName Msvm_GuestCommunicationServiceSettingData |
          New-CimInstance -ClientOnly -Property @{ Name = $c.Service.ToString(); EnabledStatePolicy = $c.Policy }
        $add += ,(ConvertTo-HvxEmbedded $new)
        $done += ,[ordered]@{ Vm = $vmId.ToString(); Service = $c.Service.ToString(); Policy = [int]$c.Policy; Via = 'add' }
      } else {
        Stop-Hvx 'HvxServiceNotRegistered' 'ObjectNotFound' ('service ' + $c.Service + ' is not registered on this host')
      }
    }
    if ($modify.Count -gt 0) {
      $r = Invoke-CimMethod -InputObject $vmms -MethodName ModifyGuestServiceSettings -Arguments @{ GuestServiceSettings = [string[]]$modify }
      Wait-HvxMethod $r 'ModifyGuestServiceSettings'
    }
    if ($add.Count -gt 0) {
      $r = Invoke-CimMethod -InputObject $vmms -MethodName AddGuestServiceSettings -Arguments @{ AffectedConfiguration = $vssd; GuestServiceSettings = [string[]]$add }
      Wait-HvxMethod $r 'AddGuestServiceSettings'
    }
    $applied += $done
  }
  Out-AsciiJson ([ordered]@{ ok = $true; psVersion = $PSVersionTable.PSVersion.ToString(); applied = @($applied) })
} catch {
  Out-AsciiJson ([ordered]@{ ok = $false; errorId = [string]$_.FullyQualifiedErrorId;
    category = $_.CategoryInfo.Category.ToString(); exception = $_.Exception.GetType().FullName;
    message = $_.Exception.Message; applied = @($applied) })
}
