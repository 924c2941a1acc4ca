# Builds the Windows installer of HvSocket Explorer with jpackage (the Cryptomator-style pipeline:
# jlink → app image → AOT caches → MSI), the counterpart of installer/linux/build.sh:
#   target\installer\runtime\                      the Java runtime (jlink, installer\runtime-modules.txt)
#   target\installer\HvSocket Explorer\            the app image: "HvSocket Explorer.exe" (the GUI),
#                                                  hvx.exe (the console CLI), app\ (jars, configs, AOT caches)
#   target\installer\HvSocket Explorer-<version>.msi
# The MSI installs per machine under Program Files, with a Start-menu entry and a desktop shortcut
# for the GUI only; hvx.exe is a console program beside it. A fixed upgrade code makes a newer MSI
# replace an older install. The app runs as the invoking user (see README, "Installer").
#
# Needs JDK 25 (JAVA_HOME) and a WiX Toolset that jpackage 25 accepts (checked below):
#   WiX 3    candle.exe and light.exe, 3.6 or later (3.14 recommended), on PATH or in
#            "Program Files (x86)\WiX Toolset v3.x\bin";
#   WiX 4/5  wix.exe 4.0.4 or later (the .NET tool), with the WixToolset.Util.wixext and
#            WixToolset.UI.wixext extensions of the same version added globally:
#              dotnet tool install --global wix --version 5.0.2
#              wix extension add -g WixToolset.Util.wixext/5.0.2
#              wix extension add -g WixToolset.UI.wixext/5.0.2
#   not WiX 6 or later: jpackage 25 knows WiX v3 (candle/light) and v4/v5 (wix.exe) only, and it
#   would take any wix.exe it finds on PATH, so this script stops instead.
# -AppImageOnly builds the app image without an MSI (no WiX needed).
param([switch]$AppImageOnly)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
if (-not $env:JAVA_HOME) { throw "Set JAVA_HOME to a JDK 25." }
$bin = Join-Path $env:JAVA_HOME 'bin'
$name = 'HvSocket Explorer'
$upgradeCode = '6c0f3a52-9d1e-4b7a-8e25-3f4a1c9d0b61'   # never change: it ties every version's MSI together

function Get-Prop([string]$key) {
  $line = Get-Content installer\package.properties | Where-Object { $_ -like "$key=*" } | Select-Object -First 1
  return $line.Substring($key.Length + 1)
}
function Get-Lines([string]$file) {
  return @(Get-Content $file | Where-Object { $_ -and -not $_.StartsWith('#') })
}

# --- WiX: find what jpackage will find, and say whether jpackage 25 can use it ----------------------
function Get-ToolVersion([string]$exe, [string]$kind) {
  if ($kind -eq 'wix') {
    $v = (& $exe --version 2>$null | Select-Object -First 1)
    return ($v -replace '\+.*$', '').Trim()
  }
  # candle/light print "Windows Installer XML Toolset Compiler version 3.14.1.8722" first
  $first = (& $exe -? 2>$null | Select-Object -First 1)
  return ($first -split ' ')[-1].Trim()
}
function Find-Wix {
  # jpackage looks on PATH first and in the default install folders only when PATH has no toolset
  $onPath = @{}
  foreach ($t in 'wix', 'candle', 'light') {
    $c = Get-Command "$t.exe" -ErrorAction SilentlyContinue
    if ($c) { $onPath[$t] = $c.Source }
  }
  if ($onPath['wix']) { return @{ Kind = 'wix'; Path = $onPath['wix']; Where = 'PATH' } }
  if ($onPath['candle'] -and $onPath['light']) { return @{ Kind = 'v3'; Path = $onPath['candle']; Where = 'PATH' } }
  $dotnet = Join-Path $env:USERPROFILE '.dotnet\tools\wix.exe'
  if (Test-Path $dotnet) { return @{ Kind = 'wix'; Path = $dotnet; Where = '.dotnet\tools' } }
  foreach ($pf in ${env:ProgramFiles(x86)}, $env:ProgramFiles) {
    if (-not $pf) { continue }
    $dirs = Get-ChildItem $pf -Directory -Filter 'WiX Toolset v*' -ErrorAction SilentlyContinue | Sort-Object Name -Descending
    foreach ($d in $dirs) {
      $candle = Join-Path $d.FullName 'bin\candle.exe'
      if ((Test-Path $candle) -and (Test-Path (Join-Path $d.FullName 'bin\light.exe'))) {
        return @{ Kind = 'v3'; Path = $candle; Where = $d.FullName }
      }
    }
  }
  return $null
}
$accepts = 'jpackage 25 accepts WiX 3 (candle/light 3.6+), WiX 4 or WiX 5 (wix.exe 4.0.4+ with the WixToolset.Util.wixext and WixToolset.UI.wixext extensions); not WiX 6 or later.'
if (-not $AppImageOnly) {
  $wix = Find-Wix
  if (-not $wix) {
    throw "No WiX Toolset found (on PATH, in %USERPROFILE%\.dotnet\tools or in Program Files). $accepts Install WiX 5: dotnet tool install --global wix --version 5.0.2, then add both extensions (see the top of this script)."
  }
  $version = Get-ToolVersion $wix.Path $wix.Kind
  $major = [int](($version -split '\.')[0])
  Write-Host "installer: WiX $version found ($($wix.Path), from $($wix.Where)). $accepts"
  if ($wix.Kind -eq 'v3') {
    if ([version]$version -lt [version]'3.6') { throw "WiX $version is older than 3.6, the oldest jpackage 25 takes. $accepts" }
  } elseif ($major -ge 6) {
    throw "WiX $version is not supported by jpackage 25. $accepts Install WiX 5 (dotnet tool uninstall --global wix; dotnet tool install --global wix --version 5.0.2) or put WiX 3.14's bin folder first on PATH."
  } elseif ($major -lt 4 -or [version]$version -lt [version]'4.0.4') {
    throw "wix.exe $version is older than 4.0.4, the oldest jpackage 25 takes. $accepts"
  } else {
    # `wix extension list -g` prints "<id> <version>" per line; an extension of another major
    # version does not load into this wix.exe
    $extensions = (& $wix.Path extension list -g 2>$null) -join "`n"
    foreach ($ext in 'WixToolset.Util.wixext', 'WixToolset.UI.wixext') {
      if ($extensions -notmatch ([regex]::Escape($ext) + " $major\.")) {
        throw "WiX $version lacks the $ext extension (version $major.x) that jpackage passes to wix build. Add it: wix extension add -g $ext/$version"
      }
    }
  }
}

# --- the app, the runtime, the app image --------------------------------------------------------------
if ($env:HVX_SKIP_BUILD -ne '1') {
  & .\mvnw.cmd -q -B package -DskipTests "-Dmaven.test.skip=true"
  if ($LASTEXITCODE -ne 0) { throw "build failed" }
}
$version = ((Get-Content target\classes\hvx-version.properties | Where-Object { $_ -like 'version=*' }) -replace 'version=', '').Trim()
# Windows Installer takes numeric versions only (major.minor.build): drop a qualifier such as -SNAPSHOT
$msiVersion = ($version -replace '[^0-9.].*$', '').TrimEnd('.')
if ($msiVersion -ne $version) { Write-Host "installer: the MSI carries version $msiVersion (pom: $version)" }
$out = 'target\installer'
if (Test-Path $out) { Remove-Item -Recurse -Force $out }
New-Item -ItemType Directory "$out\input" | Out-Null
Copy-Item target\hvx.jar "$out\input\"
Get-ChildItem target\lib\*.jar | Where-Object { $_.Name -notlike 'javafx-*' } | Copy-Item -Destination "$out\input\"
# picocli's Java 5 class files cannot go into an AOT cache as they are (see the program)
& "$bin\java" installer\UpgradeClassFiles.java @((Get-ChildItem "$out\input\*.jar").FullName)
if ($LASTEXITCODE -ne 0) { throw "UpgradeClassFiles failed" }

# The JavaFX jars are modules with their DLLs inside as resources; left there, JavaFX copies them to
# %USERPROFILE%\.openjfx\cache on the first start. They go into the runtime's bin\ instead, where the
# JDK's own DLLs are (a C runtime DLL the JDK already has is kept as it is).
Write-Host "installer: linking the runtime"
$fx = (Get-ChildItem target\lib\javafx-*-win.jar | ForEach-Object { $_.FullName }) -join ';'
$modules = (Get-Lines installer\runtime-modules.txt) -join ','
& "$bin\jlink" --module-path $fx --add-modules $modules --include-locales=en,zh `
  "--exclude-resources=/javafx.graphics/*.dll" `
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$out\runtime"
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }
Remove-Item -Force "$out\runtime\bin\server\classes_nocoops.jsa" -ErrorAction SilentlyContinue
$fxg = (Get-ChildItem target\lib\javafx-graphics-*-win.jar | Select-Object -First 1).FullName
$unpack = "$out\fx-dlls"
New-Item -ItemType Directory $unpack | Out-Null
Push-Location $unpack
$dlls = @(& "$bin\jar" tf $fxg | Where-Object { $_ -like '*.dll' -and $_ -notlike '*/*' })
& "$bin\jar" xf $fxg @dlls
Pop-Location
foreach ($d in $dlls) {
  if (-not (Test-Path "$out\runtime\bin\$d")) { Copy-Item "$unpack\$d" "$out\runtime\bin\" }
}
Remove-Item -Recurse -Force $unpack

# Two launchers, each with exactly its own settings (--add-launcher properties are added to or
# replace the main launcher's): the GUI (io.hvx.GuiMain, opens the window whatever it is given),
# with the Start-menu entry and the shortcut; hvx.exe (io.hvx.Launcher, a console program, no
# arguments print the usage), with neither. Each maps its own AOT cache.
$jopts = Get-Lines installer\jvm-options.txt
$javaOpts = @(); foreach ($o in $jopts) { $javaOpts += @('--java-options', $o) }
@(
  'main-class=io.hvx.Launcher'
  'description=HvSocket Explorer command line'
  'win-console=true'
  'win-shortcut=false'
  'win-menu=false'
  # (a properties file: a backslash would be an escape, and the JVM takes / in Windows paths)
  ('java-options=' + ($jopts -join ' ') + ' -XX:AOTCache=$APPDIR/hvx.aot')
) | Set-Content "$out\hvx.properties"

$common = @('--name', $name, '--app-version', $msiVersion, '--vendor', (Get-Prop vendor),
  '--copyright', (Get-Prop copyright), '--description', (Get-Prop description), '--dest', $out)
Write-Host "installer: app image"
& "$bin\jpackage" --type app-image @common --input "$out\input" --main-jar hvx.jar --main-class io.hvx.GuiMain `
  --runtime-image "$out\runtime" @javaOpts --java-options '-XX:AOTCache=$APPDIR/gui.aot' `
  --icon resources\icons\hvsocket-explorer.ico --add-launcher "hvx=$out\hvx.properties"
if ($LASTEXITCODE -ne 0) { throw "jpackage (app image) failed" }
$image = "$out\$name"

# --- AOT caches (JDK 25, JEP 483/514) --------------------------------------------------------------
# A cache fits only the class path and JVM options it was trained with, so each training run uses
# its launcher's own: the .cfg gives class path, main class and options, the image's runtime runs it.
# The JVM also checks the jars' times. An MSI restores file times from its cabinet, which keeps them
# to 2 seconds, so the jars get even-second times first. Whether the installed launchers then map
# their caches (time zones, UNCONFIRMED) is reported by installer\windows\check.ps1; a cache that does
# not fit is skipped silently and costs only start-up time.
$even = [datetime]::new(2026, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
Get-ChildItem "$image\app" -File | ForEach-Object { $_.LastWriteTimeUtc = $even }
function Invoke-AotTraining([string]$launcher, [string[]]$arguments, [switch]$Gui) {
  $app = (Resolve-Path "$image\app").Path
  $cp = @(); $main = $null; $opts = @(); $cache = $null
  foreach ($line in Get-Content "$app\$launcher.cfg") {
    $value = ($line -replace '^[^=]*=', '').Replace('$APPDIR', $app)
    if ($line -like 'app.classpath=*') { $cp += $value }
    elseif ($line -like 'app.mainclass=*') { $main = $value }
    elseif ($line -like 'java-options=-XX:AOTCache=*') { $cache = $value.Substring('-XX:AOTCache='.Length) }
    elseif ($line -like 'java-options=*') { $opts += $value }
  }
  $tmp = Join-Path ([IO.Path]::GetTempPath()) ("hvx-aot-" + [guid]::NewGuid())
  New-Item -ItemType Directory $tmp | Out-Null
  $env:HVX_SANDBOX_DIR = "$tmp\sb"; $env:HVX_DATA_DIR = "$tmp\data"
  try {
    # the one-step workflow prints its progress on stdout: of no interest here
    & "$image\runtime\bin\java.exe" @opts "-XX:AOTCacheOutput=$cache" -cp ($cp -join ';') $main @arguments *> "$tmp\train.log"
    if (-not (Test-Path $cache)) {
      $log = Get-Content "$tmp\train.log" -Tail 20 | Out-String
      if ($Gui) { Write-Warning "installer: the GUI's AOT training made no cache (no desktop?); the GUI starts without one.`n$log" }
      else { throw "AOT training of $launcher failed:`n$log" }
    }
  } finally {
    Remove-Item Env:HVX_SANDBOX_DIR, Env:HVX_DATA_DIR -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
  }
}
Write-Host "installer: AOT caches"
Invoke-AotTraining 'hvx' @('guid', 'vsock:5000', '--json')
Invoke-AotTraining $name @('--smoke-test') -Gui
Get-ChildItem "$image\app\*.aot" | ForEach-Object { $_.LastWriteTimeUtc = $even; Write-Host ("installer: AOT cache {0} {1:N0} MB" -f $_.Name, ($_.Length / 1MB)) }

if ($AppImageOnly) { Get-ChildItem $out; return }

# --- the MSI --------------------------------------------------------------------------------------
Write-Host "installer: MSI"
& "$bin\jpackage" --type msi @common --app-image $image `
  --win-menu --win-menu-group $name --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid $upgradeCode --license-file installer\license.txt `
  --icon resources\icons\hvsocket-explorer.ico
if ($LASTEXITCODE -ne 0) { throw "jpackage (MSI) failed" }
Get-ChildItem "$out\*.msi" | ForEach-Object { Write-Host ("installer: {0} {1:N0} MB" -f $_.Name, ($_.Length / 1MB)) }
