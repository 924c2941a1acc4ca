# HvSocket Explorer: lists the Hyper-V VMs as exactly one JSON document on stdout.
# Contract (keep stable): success {"ok":true,"psVersion":"...","vms":[{Name,Id,State,StateCode,Status,
# UptimeSeconds,Generation,Version,CPUUsage,MemoryAssigned}]}; failure {"ok":false,"errorId":"...",
# "category":"...","exception":"...","message":"..."}. Every value is converted to a primitive here
# because ConvertTo-Json differs between 5.1 and 7 (enums, TimeSpan, Guid, single objects), and the
# output is ASCII-only because redirected stdout uses the OEM code page on Windows PowerShell.
# Hyper-V\ is explicit so VMware PowerCLI's Get-VM cannot shadow it. Errors go to stdout as JSON
# because stderr carries CLIXML when redirected.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
function Out-AsciiJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 4 -Compress
  [regex]::Replace($j, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
try {
  $vms = @(Hyper-V\Get-VM | ForEach-Object {
    [ordered]@{
      Name           = [string]$_.Name
      Id             = $_.Id.ToString()
      State          = $_.State.ToString()
      StateCode      = [int]$_.State
      Status         = [string]$_.Status
      UptimeSeconds  = [int64]$_.Uptime.TotalSeconds
      Generation     = [int]$_.Generation
      Version        = [string]$_.Version
      CPUUsage       = [int]$_.CPUUsage
      MemoryAssigned = [int64]$_.MemoryAssigned
    } })
  Out-AsciiJson ([ordered]@{ ok = $true; psVersion = $PSVersionTable.PSVersion.ToString(); vms = $vms })
} catch {
  Out-AsciiJson ([ordered]@{ ok = $false; errorId = [string]$_.FullyQualifiedErrorId;
    category = $_.CategoryInfo.Category.ToString(); exception = $_.Exception.GetType().FullName;
    message = $_.Exception.Message })
}
