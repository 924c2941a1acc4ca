#!/bin/sh
# Stands in for a PowerShell that hangs: a child sleeps far past any timeout. The child's pid
# goes to HVX_STANDIN_PIDFILE so a test can check that the whole tree was killed.
sleep 120 &
if [ -n "${HVX_STANDIN_PIDFILE:-}" ]; then echo "$!" > "$HVX_STANDIN_PIDFILE"; fi
wait
