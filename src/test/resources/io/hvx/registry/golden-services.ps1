# Registers Hyper-V socket services (written by HvSocket Explorer).
# Run it on the Hyper-V host in a PowerShell started with "Run as administrator":
#   powershell -ExecutionPolicy Bypass -File .\hvsocket-services.ps1
# Windows' default execution policy refuses to run a script file; -ExecutionPolicy Bypass
# lifts that for this one run only. Running it again changes nothing.
$ErrorActionPreference = 'Stop'

$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    [Console]::Error.WriteLine('This script writes HKLM: run it in PowerShell started with "Run as administrator": powershell -ExecutionPolicy Bypass -File ' + $PSCommandPath)
    exit 3
}

# Always the 64-bit view: a 32-bit PowerShell would otherwise write under WOW6432Node.
$hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
$root = $hklm.OpenSubKey('SOFTWARE\Microsoft\Windows NT\CurrentVersion\Virtualization\GuestCommunicationServices', $true)
if ($null -eq $root) {
    [Console]::Error.WriteLine('GuestCommunicationServices was not found: is Hyper-V installed on this machine?')
    exit 1
}

function Register-HvSocketService([string]$Id, [string]$Name, [string]$CreatedBy, [string]$CreatedAt) {
    $key = $root.CreateSubKey($Id)
    try {
        $old = $key.GetValue('ElementName')
        if ($old -ceq $Name) { Write-Output "unchanged $Id"; return }
        $key.SetValue('ElementName', $Name, [Microsoft.Win32.RegistryValueKind]::String)
        if ($CreatedBy -and $null -eq $key.GetValue('CreatedBy')) {
            $key.SetValue('CreatedBy', $CreatedBy, [Microsoft.Win32.RegistryValueKind]::String)
            $key.SetValue('CreatedAt', $CreatedAt, [Microsoft.Win32.RegistryValueKind]::String)
        }
        if ($null -eq $old) { Write-Output "added $Id" } else { Write-Output "renamed $Id" }
    } finally {
        $key.Close()
    }
}

Register-HvSocketService '00001388-facb-11e6-bd58-64006a7986d3' 'Port 5000 "quoted" C:\path\' 'hvx 0.1.0' '2026-03-04T05:06:07Z'
# 999e53d4-3d5c-4c3e-8779-bed06ec056e1 is built into Windows and is left as it is.
Register-HvSocketService '30d48b34-7d27-4b0b-aaaf-bbbed334dd59' 'O''Brien’’s $(calc) 中文服务' '' ''
# aaaaaaaa-0000-0000-0000-000000000001 has no ElementName and is not registered by this script.
$root.Close()
