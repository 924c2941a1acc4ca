# HvSocket Explorer: the per-VM policies of the registered hvsocket services, as exactly one JSON
# document on stdout, read through Hyper-V's WMI provider (namespace root\virtualization\v2) with the
# CIM cmdlets. The VM arrives in the environment variable HVX_VM_ID (never spliced into the script
# text): a GUID, parsed as a [Guid] before use, or empty for every VM.
# Contract (keep stable): success {"ok":true,"psVersion":"...","rights":{"elevated":bool,
# "hyperVAdministrators":bool},"vms":[{"Id":"<guid>","Name":"...","DefaultPolicy":2|3|null,
# "SettingsFrom":"gsi"|"vssd"|"none","Settings":[{"Name":"<service guid>","Policy":2|3|8|null}],
# "Services":[{"Name":"...","ElementName":"...","EnabledState":int|null}]}]};
# failure {"ok":false,"errorId":"...","category":"...","exception":"...","message":"..."}.
# How the instances hang together (docs/per-vm-services.md has the sources):
#   Msvm_ComputerSystem (Name = VM ID)
#     -Msvm_SettingsDefineState-> Msvm_VirtualSystemSettingData (the VM's current settings)
#       -> Msvm_GuestServiceInterfaceComponentSettingData (DefaultEnabledStatePolicy)
#         -Msvm_GuestServiceInterfaceSettingDataComponent-> Msvm_GuestCommunicationServiceSettingData
#            (Name = service GUID, EnabledStatePolicy 2 enabled / 3 disabled / 8 deferred)
#     -> Msvm_GuestServiceInterfaceComponent (while the VM runs)
#       -Msvm_RegisteredGuestService-> Msvm_GuestCommunicationService (EnabledState)
# "SettingsFrom" says which path found the settings ("vssd": associated with the VM settings
# directly; "none": no settings at all), so a real host shows which one holds.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$ns = 'root\virtualization\v2'
function Out-AsciiJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 6 -Compress
  [regex]::Replace($j, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
function Get-HvxRights {
  try {
    $p = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
    [ordered]@{
      elevated             = $p.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
      hyperVAdministrators = $p.IsInRole([Security.Principal.SecurityIdentifier]'S-1-5-32-578')
    }
  } catch {
    $null
  }
}
function Stop-Hvx($id, $category, $message) {
  $record = New-Object System.Management.Automation.ErrorRecord ((New-Object System.Exception $message), $id,
    [System.Management.Automation.ErrorCategory]$category, $null)
  throw $record
}
function Get-HvxNumber($value) {
  if ($null -eq $value) { return $null }
  return [int]$value
}
function Get-HvxVm($cs) {
  $vssd = @($cs | Get-CimAssociatedInstance -ResultClassName Msvm_VirtualSystemSettingData -Association Msvm_SettingsDefineState)
  $gsi = $null
  $settings = @()
  $from = 'none'
  if ($vssd.Count -gt 0) {
    $gsi = @($vssd[0] | Get-CimAssociatedInstance -ResultClassName Msvm_GuestServiceInterfaceComponentSettingData) | Select-Object -First 1
    if ($null -ne $gsi) {
      $settings = @($gsi | Get-CimAssociatedInstance -ResultClassName Msvm_GuestCommunicationServiceSettingData -Association Msvm_GuestServiceInterfaceSettingDataComponent)
      if ($settings.Count -gt 0) { $from = 'gsi' }
    }
    if ($settings.Count -eq 0) {
      $settings = @($vssd[0] | Get-CimAssociatedInstance -ResultClassName Msvm_GuestCommunicationServiceSettingData)
      if ($settings.Count -gt 0) { $from = 'vssd' }
    }
  }
  $services = @()
  $device = @($cs | Get-CimAssociatedInstance -ResultClassName Msvm_GuestServiceInterfaceComponent) | Select-Object -First 1
  if ($null -ne $device) {
    $services = @($device | Get-CimAssociatedInstance -ResultClassName Msvm_GuestCommunicationService -Association Msvm_RegisteredGuestService)
  }
  [ordered]@{
    Id            = [string]$cs.Name
    Name          = [string]$cs.ElementName
    DefaultPolicy = $(if ($null -ne $gsi) { Get-HvxNumber $gsi.DefaultEnabledStatePolicy } else { $null })
    SettingsFrom  = $from
    Settings      = @($settings | ForEach-Object { [ordered]@{ Name = [string]$_.Name; Policy = (Get-HvxNumber $_.EnabledStatePolicy) } })
    Services      = @($services | ForEach-Object { [ordered]@{ Name = [string]$_.Name; ElementName = [string]$_.ElementName;
      EnabledState = (Get-HvxNumber $_.EnabledState) } })
  }
}
try {
  $only = $null
  if (-not [string]::IsNullOrEmpty($env:HVX_VM_ID)) { $only = [Guid]::Parse([string]$env:HVX_VM_ID) }
  $vms = @()
  foreach ($cs in @(Get-CimInstance -Namespace $ns -ClassName Msvm_ComputerSystem)) {
    # the host is an Msvm_ComputerSystem too: a VM's Name is its ID, the host's is its computer name
    $id = [Guid]::Empty
    if (-not [Guid]::TryParse([string]$cs.Name, [ref]$id)) { continue }
    if ($null -ne $only -and $id -ne $only) { continue }
    $vms += ,(Get-HvxVm $cs)
  }
  if ($null -ne $only -and $vms.Count -eq 0) { Stop-Hvx 'HvxVmNotFound' 'ObjectNotFound' ('no VM has the ID ' + $only) }
  Out-AsciiJson ([ordered]@{ ok = $true; psVersion = $PSVersionTable.PSVersion.ToString(); rights = (Get-HvxRights); vms = $vms })
} catch {
  Out-AsciiJson ([ordered]@{ ok = $false; errorId = [string]$_.FullyQualifiedErrorId;
    category = $_.CategoryInfo.Category.ToString(); exception = $_.Exception.GetType().FullName;
    message = $_.Exception.Message })
}
