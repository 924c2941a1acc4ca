# Checks an installed HvSocket Explorer as a new user meets it (run by the windows-msi job of
# .github/workflows/ci.yml after `msiexec /i … /qn`; -Removed checks after `msiexec /x … /qn`):
#   the console hvx.exe: --version, the usage without arguments, `info --json` (the real Windows
#   mode) and the self-test command in a temporary sandbox; the Start-menu entry and the desktop
#   shortcut exist for the GUI and for nothing else; whether hvx.exe mapped its AOT cache (reported,
#   not required: see installer\windows\build.ps1); the GUI's --smoke-test (-Gui, needs a desktop).
param(
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'HvSocket Explorer'),
  [switch]$Gui,
  [switch]$Removed
)
$ErrorActionPreference = 'Stop'
$name = 'HvSocket Explorer'
# The command that proves the packaged CLI works in a fresh sandbox. `hvx selftest --json` would
# need the runner to offer AF_HYPERV (the hosted images may not): the
# packaged CLI is proven here by a command that needs no provider, as the issue asks (info --json runs too).
$selftest = @('guid', 'vsock:5000', '--json')

function Fail([string]$message) { Write-Host "check: FAILED: $message"; exit 1 }
function Ok([string]$message) { Write-Host "check: ok: $message" }
$menus = @((Join-Path $env:ProgramData 'Microsoft\Windows\Start Menu\Programs'),
  (Join-Path $env:APPDATA 'Microsoft\Windows\Start Menu\Programs'))
$desktops = @((Join-Path $env:PUBLIC 'Desktop'), [Environment]::GetFolderPath('Desktop'))
function Get-Shortcuts([string[]]$roots) {
  return @($roots | Where-Object { $_ -and (Test-Path $_) } |
    ForEach-Object { Get-ChildItem $_ -Recurse -Filter '*.lnk' -ErrorAction SilentlyContinue } |
    Where-Object { $_.BaseName -in @($name, 'hvx') })
}

if ($Removed) {
  if (Test-Path $InstallDir) { Fail "the uninstall left $InstallDir behind: $(Get-ChildItem -Recurse $InstallDir | Select-Object -First 10 | Out-String)" }
  $left = Get-Shortcuts ($menus + $desktops)
  if ($left) { Fail "the uninstall left shortcuts behind: $($left.FullName -join ', ')" }
  Ok "msiexec /x removed $InstallDir and the shortcuts"
  exit 0
}

$hvx = Join-Path $InstallDir 'hvx.exe'
$guiExe = Join-Path $InstallDir "$name.exe"
foreach ($f in $hvx, $guiExe) { if (-not (Test-Path $f)) { Fail "$f is not installed" } }
$tmp = Join-Path ([IO.Path]::GetTempPath()) ("hvxchk-" + [guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
$env:HVX_SANDBOX_DIR = "$tmp\sb"
$env:HVX_DATA_DIR = "$tmp\data"

# hvx.exe: a console program whose output a script can read
$env:JAVA_TOOL_OPTIONS = "-Xlog:aot*=info:file=$tmp\aot.log"
$out = & $hvx --version 2>$null
if ($LASTEXITCODE -ne 0) { Fail "hvx --version exited $LASTEXITCODE" }
Remove-Item Env:JAVA_TOOL_OPTIONS
if (-not ($out -match '^hvx \d')) { Fail "hvx --version printed: $out" }
$aot = (Test-Path "$tmp\aot.log") -and (Select-String -Path "$tmp\aot.log" -Pattern 'Opened AOT cache' -Quiet)
if ($aot) { Write-Host "::notice::the installed hvx.exe maps its AOT cache" }
else { Write-Host "::warning::the installed hvx.exe did not map its AOT cache (it starts without it): $(if (Test-Path "$tmp\aot.log") { (Select-String -Path "$tmp\aot.log" -Pattern 'not the one|mismatch|error' | Select-Object -First 3) -join ' | ' })" }
Ok "hvx --version: $($out | Select-Object -First 1)"

$usage = & $hvx 2>$null
if ($LASTEXITCODE -ne 0) { Fail "hvx without arguments exited $LASTEXITCODE" }
if (-not (($usage -join "`n") -match 'Usage: hvx ')) { Fail "hvx without arguments did not print the CLI usage: $($usage | Select-Object -First 3)" }
Ok "hvx without arguments prints the CLI usage"

$info = (& $hvx info --json) -join "`n"
if ($LASTEXITCODE -ne 0) { Fail "hvx info --json exited $LASTEXITCODE" }
$o = $info | ConvertFrom-Json
if ($o.mode -ne 'windows') { Fail "hvx info --json reports mode '$($o.mode)', not windows: $info" }
Ok "hvx info --json: mode $($o.mode), elevated $($o.elevated), version $($o.version), $($o.java)"

$st = (& $hvx @selftest) -join "`n"
if ($LASTEXITCODE -ne 0) { Fail "hvx $($selftest -join ' ') exited $LASTEXITCODE" }
$null = $st | ConvertFrom-Json
Ok "hvx $($selftest -join ' ') printed a JSON object"

# one Start-menu entry and one desktop shortcut, both for the GUI
$menu = Get-Shortcuts $menus
$desk = Get-Shortcuts $desktops
if (-not ($menu | Where-Object BaseName -eq $name)) { Fail "no Start-menu entry '$name' under $($menus -join ', ')" }
if (-not ($desk | Where-Object BaseName -eq $name)) { Fail "no desktop shortcut '$name' under $($desktops -join ', ')" }
$console = @($menu + $desk | Where-Object BaseName -eq 'hvx')
if ($console) { Fail "the console launcher has shortcuts: $($console.FullName -join ', ')" }
$target = (New-Object -ComObject WScript.Shell).CreateShortcut(($menu | Where-Object BaseName -eq $name | Select-Object -First 1).FullName).TargetPath
if ($target -and $target -like '*.exe' -and (Split-Path $target -Leaf) -ne "$name.exe") { Fail "the Start-menu entry starts $target, not $guiExe" }
Ok "Start-menu entry and desktop shortcut for the GUI ($target), none for hvx.exe"

if ($Gui) {
  $p = Start-Process -FilePath $guiExe -ArgumentList '--smoke-test' -Wait -PassThru `
    -RedirectStandardOutput "$tmp\gui.out" -RedirectStandardError "$tmp\gui.err"
  if ($p.ExitCode -ne 0) { Fail "the GUI's --smoke-test exited $($p.ExitCode): $(Get-Content "$tmp\gui.out", "$tmp\gui.err" -Raw)" }
  Ok "the GUI's --smoke-test: $((Get-Content "$tmp\gui.out") -join ' ')"
}
Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
Write-Host "check: done"
