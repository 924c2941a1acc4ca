#!/bin/sh
# Stands in for a PowerShell that starts a child and exits normally, leaving the child running.
# HVX_FORK_PIPES=keep (default): the child inherits stdout/stderr; =detach: it lets go of them.
# The child's pid goes to HVX_STANDIN_PIDFILE. Then the fixture HVX_FIXTURE (default zero-vms.json).
if [ "${HVX_FORK_PIPES:-keep}" = detach ]; then
  sleep 300 </dev/null >/dev/null 2>&1 &
else
  sleep 300 &
fi
if [ -n "${HVX_STANDIN_PIDFILE:-}" ]; then echo "$!" > "$HVX_STANDIN_PIDFILE"; fi
cat "$(dirname "$0")/../powershell-fixtures/${HVX_FIXTURE:-zero-vms.json}"
exit 0
