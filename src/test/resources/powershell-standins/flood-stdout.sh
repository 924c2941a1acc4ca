#!/bin/sh
# Stands in for a PowerShell that floods stdout without end (a profile gone wrong, or not a
# PowerShell at all). Its pid goes to HVX_STANDIN_PIDFILE; with HVX_FLOOD_LINE=0 the flood has no
# newline at all (one endless line).
if [ -n "${HVX_STANDIN_PIDFILE:-}" ]; then echo "$$" > "$HVX_STANDIN_PIDFILE"; fi
if [ "${HVX_FLOOD_LINE:-1}" = 0 ]; then
  exec tr '\000' x < /dev/zero
fi
exec yes
