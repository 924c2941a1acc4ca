#!/bin/sh
# Stands in for a program that is not PowerShell: a complaint on both streams, exit code 7.
echo "usage: fail.sh [options]"
echo "fail.sh: unknown option -NoProfile" >&2
exit 7
