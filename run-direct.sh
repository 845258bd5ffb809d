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
# The JVM options of a run are in jvm.options (why, with figures, is written there). A
# report-only run is seconds of work: with the serial collector it needs a third less CPU
# (pipeline/src/test/java/dev/techpulse/bench/README.md).
jvm=()
while read -r line; do
  case "$line" in ''|'#'*) ;; *) jvm+=("$line") ;; esac
done < jvm.options
for a in "$@"; do
  case "$a" in --reportOnly|--reportOnly=true) jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) ;; esac
done
exec java ${jvm[@]+"${jvm[@]}"} ${TECHPULSE_JAVA_OPTS:-} -jar "$jar" --runner=DirectRunner "$@"
