#!/bin/sh
# Stands in for the warm PowerShell loop: one request per stdin line, each answer one JSON line
# and the sentinel. HVX_WARM_MODE: "ok" (default), "hang" (never answers), "die-after-1"
# (answers once, then exits), "flood" (answers with one endless line), "flood-stderr" (floods stderr
# instead of answering), "fork" (starts a child that outlives the request; its pid goes to
# HVX_STANDIN_PIDFILE). Each start appends a line to HVX_STANDIN_STARTS if set. The loop script the
# app sends first (up to <<hvx-script-end>>) is appended to HVX_STANDIN_SCRIPT if set, each request
# line to HVX_STANDIN_REQUESTS. "policies …" answers HVX_POLICY_FIXTURE (policies-contract.json),
# "set-policies …" answers HVX_SET_FIXTURE (set-policies-applied.json).
if [ -n "${HVX_STANDIN_STARTS:-}" ]; then echo "$$" >> "$HVX_STANDIN_STARTS"; fi
mode="${HVX_WARM_MODE:-ok}"
fixtures="$(dirname "$0")/../powershell-fixtures"
# the app first sends the loop script (warm-bootstrap.ps1 reads it): keep it for tests, then serve
while IFS= read -r line; do
  [ "$line" = '<<hvx-script-end>>' ] && break
  if [ -n "${HVX_STANDIN_SCRIPT:-}" ]; then printf '%s\n' "$line" >> "$HVX_STANDIN_SCRIPT"; fi
done
answered=0
while IFS= read -r line; do
  case "$line" in
    exit) exit 0 ;;
  esac
  if [ "$mode" = hang ]; then sleep 120 & wait; fi
  if [ "$mode" = flood ]; then tr '\000' x < /dev/zero; fi
  if [ "$mode" = flood-stderr ]; then yes 'Get-VM : an error that repeats' >&2; fi
  if [ "$mode" = fork ] && [ "$answered" = 0 ]; then
    sleep 300 &
    if [ -n "${HVX_STANDIN_PIDFILE:-}" ]; then echo "$!" > "$HVX_STANDIN_PIDFILE"; fi
  fi
  if [ "$mode" = die-after-1 ] && [ "$answered" -ge 1 ]; then exit 3; fi
  if [ -n "${HVX_STANDIN_REQUESTS:-}" ]; then printf '%s\n' "$line" >> "$HVX_STANDIN_REQUESTS"; fi
  case "$line" in
    vms) tr -d '\r\n' < "$fixtures/${HVX_FIXTURE:-ps7-contract.json}"; echo ;;
    "policies "*) tr -d '\r\n' < "$fixtures/${HVX_POLICY_FIXTURE:-policies-contract.json}"; echo ;;
    "set-policies "*) tr -d '\r\n' < "$fixtures/${HVX_SET_FIXTURE:-set-policies-applied.json}"; echo ;;
    "integration "*) tr -d '\r\n' < "$fixtures/integration-services.json"; echo ;;
    *) echo '{"ok":false,"errorId":"HvxUnknownRequest","category":"InvalidArgument","exception":"","message":"unknown request"}' ;;
  esac
  echo '<<hvx-end>>'
  answered=$((answered + 1))
done
