#!/usr/bin/env bash
# Installs what the notebooks need and nothing else:
#   - Debian's jupyter-nbconvert, python3-nbclient and python3-ipykernel (only the missing ones;
#     apt-get runs as root, or through sudo);
#   - from Maven Central (Maven's local repository caches them): the Java kernel
#     io.github.padreati:rapaio-jupyter-kernel into notebooks/target/kernel/, and the chart library
#     org.knowm.xchart:xchart into notebooks/target/lib/ (the notebooks' own classpath).
# Safe to run again: with everything present it changes nothing and needs no network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kernel_version=3.0.1
xchart_version=4.0.3
debian_packages=(jupyter-nbconvert python3-nbclient python3-ipykernel)

missing=()
for package in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    echo "notebooks/setup.sh: missing Debian packages ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
    exit 2
  fi
  echo "notebooks/setup.sh: installing ${missing[*]} with apt-get" >&2
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# copy_artifact GROUP:ARTIFACT:VERSION DIR: copies the jar from Maven (Central or the local cache) into DIR
copy_artifact() {
  local name="${1#*:}"; name="${name/:/-}.jar"
  [ -f "$2/$name" ] && return 0
  echo "notebooks/setup.sh: fetching $1 with Maven" >&2
  mkdir -p "$2"
  # run outside the project so Maven does not walk the reactor; the plugin version is the one pom.xml pins
  (cd "$2" && mvn -B -ntp -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy -Dartifact="$1" -DoutputDirectory=.) || {
    echo "notebooks/setup.sh: cannot fetch $1 from Maven Central; check the network or ~/.m2/settings.xml" >&2
    exit 1
  }
}
copy_artifact "io.github.padreati:rapaio-jupyter-kernel:$kernel_version" "$here/target/kernel"
copy_artifact "org.knowm.xchart:xchart:$xchart_version" "$here/target/lib"
