#!/usr/bin/env bash
# Runs cfn-guard over one synthesized template and prints every finding, one per line
# ("<rule><TAB><logical id>"), except the (rule, resource) pairs the template itself records as
# accepted: cdk-containers writes each acknowledgement into the resource's metadata,
# Metadata["cdk-containers"].acknowledged, and the Control Tower rules have no suppression of
# their own. Exit status 1 when a finding is left, 0 when none is.
#
# Usage: cfn-guard-findings.sh <template.json> <rules directory or file>...
# Needs cfn-guard and jq on the PATH (CFN_GUARD=/path/to/cfn-guard to use another binary).
set -euo pipefail
template=$1; shift
rules=(); for r in "$@"; do rules+=(--rules "$r"); done
accepted=$(jq -r '.Resources // {} | to_entries[] | .key as $id
  | .value.Metadata["cdk-containers"].acknowledged[]?
  | select(.id | startswith("cdk-validator-cfnguard::"))
  | "\(.id | ltrimstr("cdk-validator-cfnguard::"))\t\($id)"' "$template" | sort -u)
# cfn-guard exits non-zero when a rule fails; its JSON output names each failing rule and the paths it read.
found=$("${CFN_GUARD:-cfn-guard}" validate "${rules[@]}" --data "$template" --output-format json --show-summary none || true)
found=$(jq -r '.not_compliant[]? | .Rule.name as $rule
  | [.. | strings | capture("^/Resources/(?<id>[^/\\[]+)").id] | unique[] | "\($rule)\t\(.)"' <<<"$found" | sort -u)
left=$(comm -23 <(printf '%s\n' "$found" | sed '/^$/d') <(printf '%s\n' "$accepted" | sed '/^$/d'))
if [ -n "$left" ]; then printf '%s\n' "$left"; exit 1; fi
