#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless, as CI does (test.sh calls this after the Maven
# build), and fails when any cell fails:
#   1. notebooks/setup.sh installs what is missing (Debian's Jupyter pieces, the Java kernel);
#   2. ./coinlake run makes the sample lake (./lake, ./mlruns) when it is absent;
#   3. the kernel is registered in a temporary JUPYTER_PATH (nothing is written to your home);
#   4. jupyter nbconvert --execute runs each notebook into a temporary folder.
# The executed notebooks are kept when NOTEBOOKS_OUT=DIR is set (e.g. to look at the charts).
# Usage: notebooks/run.sh [NOTEBOOK.ipynb ...]   (default: every notebooks/*.ipynb)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(dirname "$here")"
started=$SECONDS

"$here/setup.sh"

if [ ! -d "$home/lake" ] || [ ! -d "$home/mlruns" ]; then
  echo "notebooks: no sample lake yet; running ./coinlake run" >&2
  (cd "$home" && ./coinlake run) || { echo "notebooks: ./coinlake run failed; the notebooks need its lake" >&2; exit 1; }
else
  # the launcher rebuilds the jars the kernel loads when the sources changed since the last build
  (cd "$home" && ./coinlake --help >/dev/null)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/coinlake-notebooks.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# every Jupyter folder in the scratch space: the kernel spec, connection files, config
export JUPYTER_PATH="$work/jupyter" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime" \
  JUPYTER_CONFIG_DIR="$work/config" IPYTHONDIR="$work/ipython"
"$here/kernel.sh" "$JUPYTER_PATH"
out="${NOTEBOOKS_OUT:-$work/out}"
mkdir -p "$out"
# Debian's Jupyter (setup.sh), not whatever a virtualenv or pyenv puts first on PATH
nbconvert=/usr/bin/jupyter-nbconvert
[ -x "$nbconvert" ] || nbconvert="$(command -v jupyter-nbconvert)"

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$here"/*.ipynb); fi
failed=()
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  t0=$SECONDS
  echo "notebooks: executing $name" >&2
  # no --allow-errors: the first failing cell stops the notebook and nbconvert exits non-zero
  if "$nbconvert" --to notebook --execute --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.startup_timeout=180 \
      --ExecutePreprocessor.kernel_name=coinlake-java --output-dir "$out" "$notebook"; then
    echo "notebooks: $name passed in $((SECONDS - t0)) s" >&2
  else
    echo "notebooks: $name FAILED after $((SECONDS - t0)) s (the cell and its error are above; run notebooks/run.sh $notebook to repeat)" >&2
    failed+=("$name")
  fi
done
echo "notebooks: ${#notebooks[@]} notebook(s), ${#failed[@]} failed, $((SECONDS - started)) s in all${NOTEBOOKS_OUT:+; executed copies in $out}" >&2
[ ${#failed[@]} -eq 0 ]
