#!/usr/bin/env bash
# The test command: unit tests (Surefire) then integration tests (*IT, Failsafe) on real Spark,
# real Delta tables and real Deequ checks. Needs only Java 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"
if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] && ! java -version 2>&1 | grep -q 'version "17'; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
exec mvn -B -ntp verify "$@"
