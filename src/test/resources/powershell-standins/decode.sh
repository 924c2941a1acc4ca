#!/bin/sh
# Stands in for PowerShell and proves what it was given: writes its arguments (one per line) to
# "$HVX_STANDIN_OUT.args" and the script decoded from -EncodedCommand (Base64 of UTF-16LE) to
# "$HVX_STANDIN_OUT", plus the HVX_VM_ID it saw to "$HVX_STANDIN_OUT.env" and HVX_POLICY_CHANGES to
# "$HVX_STANDIN_OUT.changes"; then answers with the fixture HVX_FIXTURE names, or an empty VM list.
out="${HVX_STANDIN_OUT:?set HVX_STANDIN_OUT}"
: > "$out.args"
encoded=""
take=0
for a in "$@"; do
  printf '%s\n' "$a" >> "$out.args"
  if [ "$take" = 1 ]; then encoded="$a"; take=0; fi
  if [ "$a" = "-EncodedCommand" ]; then take=1; fi
done
printf '%s' "$encoded" | base64 -d | iconv -f UTF-16LE -t UTF-8 > "$out"
printf '%s' "${HVX_VM_ID:-}" > "$out.env"
printf '%s' "${HVX_POLICY_CHANGES:-}" > "$out.changes"
if [ -n "${HVX_FIXTURE:-}" ]; then cat "$(dirname "$0")/../powershell-fixtures/$HVX_FIXTURE"; exit 0; fi
echo '{"ok":true,"psVersion":"0.0-standin","vms":[]}'
