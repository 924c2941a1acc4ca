#!/bin/sh
# Stands in for PowerShell: prints the fixture named by HVX_FIXTURE (a file name under
# powershell-fixtures/, or an absolute path) and exits with HVX_EXIT (default 0).
f="${HVX_FIXTURE:?set HVX_FIXTURE to a fixture name}"
case "$f" in
  /*) ;;
  *) f="$(dirname "$0")/../powershell-fixtures/$f" ;;
esac
cat "$f"
exit "${HVX_EXIT:-0}"
