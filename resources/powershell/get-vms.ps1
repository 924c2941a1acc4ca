# HvSocket Explorer: lists the Hyper-V VMs as exactly one JSON document on stdout.
# Contract (keep stable): success {"ok":true,"psVersion":"...","rights":{"elevated":bool,
# "hyperVAdministrators":bool},"vms":[{Name,Id,State,StateCode,Status,UptimeSeconds,Generation,Version,
# CPUUsage,MemoryAssigned}]}; failure {"ok":false,"errorId":"...","category":"...","exception":"...",
# "message":"..."}. Every value is converted to a primitive here because ConvertTo-Json differs between
# 5.1 and 7 (enums, TimeSpan, Guid, single objects), and the output is ASCII-only because redirected
# stdout uses the OEM code page on Windows PowerShell. Hyper-V\ is explicit so VMware PowerCLI's Get-VM
# cannot shadow it. Errors go to stdout as JSON because stderr carries CLIXML when redirected.
# State is a VMState enum in Windows PowerShell, but a string ("Running") when PowerShell 7 loads Hyper-V
# through Windows PowerShell compatibility (implicit remoting), where [int]'Running' would throw: the
# name is taken as text and the number only when one arrives. Get-VM run by an account that is neither
# elevated nor in Hyper-V Administrators (S-1-5-32-578) may list nothing without an error: "rights" lets
# the app say so beside an empty list.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
function Out-AsciiJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 4 -Compress
  [regex]::Replace($j, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
function Get-HvxStateCode($state) {
  if ($state -is [Enum] -or $state -is [int] -or $state -is [long]) { return [int]$state }
  $n = 0
  if ([int]::TryParse([string]$state, [ref]$n)) { return $n }
  return $null
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
try {
  $vms = @(Hyper-V\Get-VM | ForEach-Object {
    [ordered]@{
      Name           = [string]$_.Name
      Id             = [string]$_.Id
      State          = [string]$_.State
      StateCode      = Get-HvxStateCode $_.State
      Status         = [string]$_.Status
      UptimeSeconds  = [int64]$_.Uptime.TotalSeconds
      Generation     = [int]$_.Generation
      Version        = [string]$_.Version
      CPUUsage       = [int]$_.CPUUsage
      MemoryAssigned = [int64]$_.MemoryAssigned
    } })
  Out-AsciiJson ([ordered]@{ ok = $true; psVersion = $PSVersionTable.PSVersion.ToString(); rights = (Get-HvxRights); vms = $vms })
} catch {
  Out-AsciiJson ([ordered]@{ ok = $false; errorId = [string]$_.FullyQualifiedErrorId;
    category = $_.CategoryInfo.Category.ToString(); exception = $_.Exception.GetType().FullName;
    message = $_.Exception.Message })
}
