#!/usr/bin/env bash
# Runs techpulse on the DirectRunner (this machine), into warehouse/techpulse.duckdb by default.
# Every argument passes through to the pipeline: ./run-direct.sh --help lists them.
set -euo pipefail
cd "$(dirname "$0")"
jar=pipeline/target/techpulse-bundled-0.1.0.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit)" ]; then
  echo "techpulse: building $jar (first run or sources changed)..." >&2
  mvn -B -q -DskipTests package >&2
fi
# A report-only run is seconds of work: without the optimizing JIT's compiler threads and with the
# serial collector it needs a third less CPU (pipeline/src/test/java/dev/techpulse/bench/README.md).
jvm=()
for a in "$@"; do
  case "$a" in --reportOnly|--reportOnly=true) jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) ;; esac
done
exec java ${jvm[@]+"${jvm[@]}"} ${TECHPULSE_JAVA_OPTS:-} -jar "$jar" --runner=DirectRunner "$@"
