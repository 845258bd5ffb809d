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
exec java ${TECHPULSE_JAVA_OPTS:-} -jar "$jar" --runner=DirectRunner "$@"
