#!/bin/sh
# Stands in for a PowerShell that crashes halfway through its document (killed by SIGKILL).
printf '{"ok":true,"psVersion":"0.0-standin","vms":[{"Name":"half'
kill -9 $$
