# HvSocket Explorer: runs one request script in a fresh PowerShell and writes its JSON document with
# [Console]::Out, as warm-loop.ps1 does, so no host formats the output or wraps it at the console width.
# The request script is embedded by the app from its own resources as a literal here-string (comment
# lines dropped); no user text is ever part of it.
$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'
$hvxRequest = [scriptblock]::Create(@'
@SCRIPT@
'@)
$out = & $hvxRequest
[Console]::Out.Write([string]::Join('', @($out)))
[Console]::Out.Flush()
