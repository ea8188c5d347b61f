#!/usr/bin/env bash
# Registers the Java kernel the notebooks use ("coinlake-java") under DIR/kernels/coinlake-java,
# where Jupyter finds it with JUPYTER_PATH=DIR (or DIR = ~/.local/share/jupyter for your own Jupyter).
#   notebooks/kernel.sh DIR
# The kernel is rapaio-jupyter-kernel (JShell) on Java 17, started through
# notebooks/kernel/CoinlakeKernelLauncher.java (fixes for the kernel's startup races, see there), with
# the JVM flags Spark 3.5 needs (conf/spark-java17.options), Spark's master local[2], and on its
# classpath the coinlake jar, the jars ./coinlake runs with (spark-jobs/target/lib) and the
# notebooks' chart library (notebooks/target/lib).
# Run notebooks/setup.sh and ./coinlake build first.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: notebooks/kernel.sh DIR  (then start Jupyter with JUPYTER_PATH=DIR)" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(dirname "$here")"
kernel_jar="$here/target/kernel/rapaio-jupyter-kernel-3.0.1.jar"
app_jar="$home/spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT.jar"

java_bin=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/java-17-openjdk-amd64/bin/java "$(command -v java || true)"; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "17'; then
    java_bin="$(readlink -f "$candidate")"; break
  fi
done
[ -n "$java_bin" ] || { echo "notebooks/kernel.sh: Java 17 is required (Spark 3.5 fails on newer JDKs); set JAVA_HOME to a JDK 17" >&2; exit 2; }
[ -f "$kernel_jar" ] || { echo "notebooks/kernel.sh: $kernel_jar is missing; run notebooks/setup.sh" >&2; exit 2; }
[ -f "$app_jar" ] && [ -d "$home/spark-jobs/target/lib" ] || {
  echo "notebooks/kernel.sh: $app_jar is missing; run ./coinlake build" >&2; exit 2; }

# the launcher around the kernel's main class (why: see its Javadoc), compiled once
launcher_src="$here/kernel/CoinlakeKernelLauncher.java"
launcher_classes="$here/target/kernel/classes"
if [ ! -f "$launcher_classes/CoinlakeKernelLauncher.class" ] || [ "$launcher_src" -nt "$launcher_classes/CoinlakeKernelLauncher.class" ]; then
  "$(dirname "$java_bin")/javac" -d "$launcher_classes" -cp "$kernel_jar" "$launcher_src"
fi

spec="$1/kernels/coinlake-java"
mkdir -p "$spec"
# Jupyter's own Python writes the JSON, so every path is quoted correctly
python="$(command -v /usr/bin/python3 || command -v python3)"
"$python" - "$spec/kernel.json" "$java_bin" "$home" "$kernel_jar:$launcher_classes" "$app_jar" <<'PY'
import json, sys
out, java, home, kernel_cp, app_jar = sys.argv[1:]
spec = {
    "display_name": "Java 17 (coinlake, Spark local[2])",
    "language": "java",
    "interrupt_mode": "message",
    "argv": [
        java,
        "@" + home + "/conf/spark-java17.options",
        "-Xmx3g",
        # C1 only: a notebook is a short-lived JVM, and on 2 cores the C2 compiler's CPU time costs
        # more than its faster code gains (measured: setup cell 7-9 s instead of 18-20 s)
        "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dspark.master=local[2]",
        "-Dlog4j2.configurationFile=" + home + "/conf/log4j2.properties",
        "-cp", kernel_cp, "CoinlakeKernelLauncher",
        "{connection_file}",
    ],
    "env": {
        # ';'-separated, globs allowed (rapaio-jupyter-kernel's format)
        "RJK_CLASSPATH": ";".join([app_jar, home + "/spark-jobs/target/lib/*.jar", home + "/notebooks/target/lib/*.jar"]),
        "RJK_TIMEOUT_MILLIS": "-1",
        "RJK_COMPILER_OPTIONS": "",
        "RJK_INIT_SCRIPT": "",
        # the notebooks read <COINLAKE_HOME>/lake and <COINLAKE_HOME>/mlruns
        "COINLAKE_HOME": home,
    },
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
    f.write("\n")
PY
