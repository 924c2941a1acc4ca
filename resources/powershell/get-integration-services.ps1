# HvSocket Explorer: the integration services of one VM as exactly one JSON document on stdout.
# The VM ID arrives in the environment variable HVX_VM_ID (never spliced into the script text) and
# is parsed as a [Guid] before use.
# Success {"ok":true,"psVersion":"...","vmId":"...","services":[{Name,Enabled,Primary,Secondary}]};
# failure: the same error object as get-vms.ps1.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
function Out-AsciiJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 4 -Compress
  [regex]::Replace($j, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
try {
  $id = [Guid]::Parse([string]$env:HVX_VM_ID)
  $vm = Hyper-V\Get-VM -Id $id
  $services = @(Hyper-V\Get-VMIntegrationService -VM $vm | ForEach-Object {
    [ordered]@{
      Name      = [string]$_.Name
      Enabled   = [bool]$_.Enabled
      Primary   = [string]$_.PrimaryStatusDescription
      Secondary = [string]$_.SecondaryStatusDescription
    } })
  Out-AsciiJson ([ordered]@{ ok = $true; psVersion = $PSVersionTable.PSVersion.ToString(); vmId = $id.ToString(); services = $services })
} catch {
  Out-AsciiJson ([ordered]@{ ok = $false; errorId = [string]$_.FullyQualifiedErrorId;
    category = $_.CategoryInfo.Category.ToString(); exception = $_.Exception.GetType().FullName;
    message = $_.Exception.Message })
}
