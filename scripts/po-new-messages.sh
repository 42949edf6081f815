#!/usr/bin/env bash
# Appends the messages that the code marks for translation but the German catalogue lacks
# to the END of locale/de/LC_MESSAGES/django.po, with an empty msgstr to fill in by hand.
# Everything already in the catalogue stays where it is, so parallel branches that each
# append their own messages merge cleanly (.gitattributes: *.po merge=union).
set -euo pipefail
cd "$(dirname "$0")/.."
PO=locale/de/LC_MESSAGES/django.po
PY=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$PO" "$work/kept.po"
DEBUG=1 "$PY" manage.py makemessages -l de --no-obsolete --ignore=.venv --ignore=data \
  --ignore=test-artifacts --ignore=node_modules >/dev/null
cp "$PO" "$work/full.po"
cp "$work/kept.po" "$PO"
msgattrib --untranslated --no-obsolete "$work/full.po" >"$work/untranslated.po"
msgattrib --only-fuzzy --no-obsolete --clear-fuzzy --clear-previous "$work/full.po" >"$work/fuzzy.po"
msgcat --use-first "$work/untranslated.po" "$work/fuzzy.po" -o "$work/candidates.po"
# Only what the kept catalogue does not hold already (even untranslated, appended earlier).
msgcomm --less-than=2 "$work/candidates.po" "$work/kept.po" -o "$work/either.po" || true
touch "$work/either.po"
msgcomm --more-than=1 "$work/either.po" "$work/candidates.po" -o "$work/new.po" || true
if [ ! -s "$work/new.po" ]; then echo "no new messages"; exit 0; fi
awk 'BEGIN{RS="";ORS="\n\n"} NR>1' "$work/new.po" \
  | awk 'BEGIN{RS="";ORS="\n\n"} { n=split($0, l, "\n"); out=""; s=0
      for (i=1;i<=n;i++) { if (l[i] ~ /^msgstr/) { s=1; sub(/".*"$/, "\"\"", l[i]); out=out l[i] "\n"; continue }
        if (s && l[i] ~ /^"/) continue; s=0; out=out l[i] "\n" }
      printf "%s\n", out }' >"$work/append.po"
printf '\n' >>"$PO"
cat "$work/append.po" >>"$PO"
echo "appended $(grep -c '^msgid' "$work/append.po") messages to the end of $PO: fill in each msgstr"
