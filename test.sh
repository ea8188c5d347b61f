#!/usr/bin/env bash
# The test command: unit tests (Surefire) then integration tests (*IT, Failsafe) on real Spark,
# real Delta tables and real Deequ checks; then the notebooks in notebooks/ are executed headless
# against the sample lake (notebooks/run.sh; it installs Debian's Jupyter pieces if missing).
# Needs Java 17 and Maven. COINLAKE_SKIP_NOTEBOOKS=1 stops after the Maven build.
set -euo pipefail
cd "$(dirname "$0")"
if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] && ! java -version 2>&1 | grep -q 'version "17'; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
mvn -B -ntp verify "$@"
if [ "${COINLAKE_SKIP_NOTEBOOKS:-0}" != 1 ]; then
  notebooks/run.sh
fi
