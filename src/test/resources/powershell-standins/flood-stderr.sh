#!/bin/sh
# Stands in for a PowerShell that prints a valid, empty VM list and then floods stderr without end:
# the list must not be taken as "no VMs".
if [ -n "${HVX_STANDIN_PIDFILE:-}" ]; then echo "$$" > "$HVX_STANDIN_PIDFILE"; fi
echo '{"ok":true,"psVersion":"0.0-standin","vms":[]}'
exec yes 'Get-VM : an error that repeats' >&2
