#!/bin/sh
# Stands in for a PowerShell that prints nothing and succeeds.
exit 0
