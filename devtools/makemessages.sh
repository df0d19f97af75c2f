#!/usr/bin/env bash
# Extracts an app's strings (its Python code and its templates under templates/<dir>) into
# <app>/locale/en/LC_MESSAGES/django.po, keeping existing translations.  Msgids are Chinese; English is
# the translation (docs/architecture.md).  Usage: devtools/makemessages.sh APP [TEMPLATE_DIR ...]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
app=$1; shift
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=("$app")
cd "$ROOT/$app"
mkdir -p locale
links=()
for d in "${dirs[@]}"; do
  if [ -d "$ROOT/templates/$d" ]; then ln -sfn "$ROOT/templates/$d" "_tpl_$d"; links+=("_tpl_$d"); fi
  # a single top-level template (e.g. base.html) can be named too
  if [ -f "$ROOT/templates/$d" ]; then ln -sfn "$ROOT/templates/$d" "_tpl_$d"; links+=("_tpl_$d"); fi
done
trap 'rm -f "${links[@]}"' EXIT
"$ROOT/.venv/bin/django-admin" makemessages -l en --symlinks --no-location --ignore=migrations -v 0
echo "更新: $app/locale/en/LC_MESSAGES/django.po"
