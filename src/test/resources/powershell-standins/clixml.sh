#!/bin/sh
# Stands in for Windows PowerShell with redirected stderr: errors arrive as CLIXML on stderr.
# With HVX_FIXTURE set, the fixture is printed on stdout as well (exit 0); without, nothing (exit 1).
cat >&2 <<'XML'
#< CLIXML
<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-VM : The term 'Hyper-V\Get-VM' is not recognized as the name of a cmdlet_x000D__x000A_</S><S S="Error">    + FullyQualifiedErrorId : CommandNotFoundException_x000D__x000A_</S></Objs>
XML
if [ -n "${HVX_FIXTURE:-}" ]; then
  cat "$(dirname "$0")/../powershell-fixtures/$HVX_FIXTURE"
  exit 0
fi
exit 1
