# HvSocket Explorer: starts the long-lived PowerShell. The loop script (warm-loop.ps1 with the request
# scripts embedded) is too long for a command line (32,767 characters, and -EncodedCommand takes
# Base64 of UTF-16LE), so it arrives on stdin, line by line, up to the line <<hvx-script-end>>; the
# app writes it there from its own resources right after the start. It is then run in this process,
# which goes on reading requests from the same stdin.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$hvxLines = New-Object System.Collections.Generic.List[string]
while ($true) {
  $hvxLine = [Console]::In.ReadLine()
  if ($null -eq $hvxLine -or $hvxLine -eq '<<hvx-script-end>>') { break }
  $hvxLines.Add($hvxLine)
}
& ([scriptblock]::Create([string]::Join("`n", $hvxLines)))
