# Builds the Windows installer of HvSocket Explorer (MSI) with jpackage.
# Needs: JDK 25 (JAVA_HOME) and the WiX Toolset (3.14, or 4/5 which JDK 24+ jpackage also uses)
# on PATH. Produces target\installer\HvSocket Explorer-<version>.msi with two launchers: the GUI
# and `hvx` (a console launcher for scripts).
$ErrorActionPreference = 'Stop'
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
$bin = Join-Path $env:JAVA_HOME 'bin'

& .\mvnw.cmd -q -B package -DskipTests "-Dmaven.test.skip=true"
if ($LASTEXITCODE -ne 0) { throw "build failed" }
$version = (Get-Content target\classes\hvx-version.properties | Where-Object { $_ -like 'version=*' }) -replace 'version=', ''
$out = 'target\installer'
if (Test-Path $out) { Remove-Item -Recurse -Force $out }
New-Item -ItemType Directory "$out\input" | Out-Null

$fx = (Get-ChildItem target\lib\javafx-*-win.jar | ForEach-Object { $_.FullName }) -join ';'
Copy-Item target\hvx.jar "$out\input\"
Get-ChildItem target\lib\*.jar | Where-Object { $_.Name -notlike 'javafx-*' } | Copy-Item -Destination "$out\input\"

& "$bin\jlink" --module-path $fx `
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.xml,jdk.unsupported,jdk.crypto.ec,javafx.controls,javafx.swing `
  --strip-debug --no-header-files --no-man-pages --output "$out\runtime"
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }

$jopts = Get-Content installer\jvm-options.txt
$javaOpts = @(); foreach ($o in $jopts) { $javaOpts += @('--java-options', $o) }
@(
  'main-class=io.hvx.Launcher'
  'description=HvSocket Explorer command line'
  'win-console=true'
  ('java-options=' + ($jopts -join ' '))
) | Set-Content "$out\hvx.properties"

# A fixed upgrade UUID so a new MSI replaces an older install.
& "$bin\jpackage" --type msi --name 'HvSocket Explorer' --app-version $version `
  --vendor 'HvSocket Explorer' --description 'Explore, register, connect to and measure Hyper-V socket services' `
  --input "$out\input" --main-jar hvx.jar --main-class io.hvx.Launcher --arguments gui `
  --runtime-image "$out\runtime" @javaOpts `
  --add-launcher "hvx=$out\hvx.properties" `
  --win-menu --win-menu-group 'HvSocket Explorer' --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 6c0f3a52-9d1e-4b7a-8e25-3f4a1c9d0b61 `
  --dest $out
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Get-ChildItem $out
